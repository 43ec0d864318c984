;;; exit.el --- exits with status 7 while it is loaded  -*- lexical-binding: t -*-

(princ "exiting with 7\n")
(kill-emacs 7)
(princ "never printed\n")
