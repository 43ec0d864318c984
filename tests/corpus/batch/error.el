;;; error.el --- signals an error while it is loaded  -*- lexical-binding: t -*-

(princ "before the error\n")
(car 'not-a-list)
(princ "never printed\n")
