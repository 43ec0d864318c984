;;; character.el --- corpus: the DEFUNs of character.c  -*- lexical-binding: t -*-

(characterp ?a)
(characterp 0)
(characterp -1)
(characterp (max-char))
(characterp (1+ (max-char)))
(characterp #x3FFF80)
(characterp 'a)
(characterp 1.0)
(characterp "a")
(max-char)
(max-char t)  ; error
(unibyte-char-to-multibyte 65)
(unibyte-char-to-multibyte 233)
(unibyte-char-to-multibyte 256)  ; error
(unibyte-char-to-multibyte 'a)  ; error
(multibyte-char-to-unibyte 65)
(multibyte-char-to-unibyte #x3FFFE9)
(multibyte-char-to-unibyte ?é)
(multibyte-char-to-unibyte 'a)  ; error
(char-width ?a)
(char-width ?\t)
(let ((tab-width 4)) (char-width ?\t))
(char-width ?\C-a)
(char-width #x3FFFE9)
(char-width ?é)
(char-width 'a)  ; error
(string-width "hello")
(string-width "")
(string-width "héllo")
(string-width "a\tb")
(string-width "a\C-ab")
(string-width "hello" 1 3)
(string-width "hello" 2)
(string-width "hello" 3 1)  ; error
(string-width (propertize "abc" 'display "x"))
(string-width (propertize "abc" 'invisible t))
(string-width 'a)  ; error
(string)
(string ?a ?b ?c)
(string ?h ?é)
(string #x3FFFE9)
(multibyte-string-p (string ?a))
(string 'a)  ; error
(string -1)  ; error
(unibyte-string)
(unibyte-string 97 98)
(unibyte-string 233 255 0)
(unibyte-string 256)  ; error
(unibyte-string ?é)
(multibyte-string-p (unibyte-string 200))
(char-resolve-modifiers ?\C-a)
(char-resolve-modifiers (logior ?a #x4000000))
(char-resolve-modifiers ?\S-a)
(char-resolve-modifiers ?\C-?)
(char-resolve-modifiers ?\M-a)
(char-resolve-modifiers ?\C-\M-b)
(char-resolve-modifiers 'a)  ; error
(get-byte 0 "abc")
(get-byte 1 "abc")
(get-byte 0 "\351")
(get-byte 0 (string-to-multibyte "\351"))
(get-byte 0 "é")  ; error
(get-byte 5 "abc")  ; error
(with-temp-buffer (insert "abc") (goto-char 2) (get-byte))
(with-temp-buffer (insert "abc") (get-byte 3))
(with-temp-buffer (insert "é") (get-byte 1))  ; error
(with-temp-buffer (set-buffer-multibyte nil) (insert 200) (get-byte 1))
(list ?\C-a ?\^a ?\M-a ?\C-\M-a ?\S-a ?\H-a ?\s-a ?\A-a ?\d ?\e ?\s)
(list ?\x41 ?\101 ?\u00e9 ?\U0001F600 ?\N{U+E9})
