;;; unterminated.el --- a reader error in the middle of the file  -*- lexical-binding: t -*-

(princ "first form read\n")
(princ "this form is never closed"
