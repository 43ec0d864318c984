;;; items.el --- scripts/bench-elisp's programs  -*- lexical-binding: t -*-

;; Written for emacs2cl after the kinds of work in the elisp-benchmarks package (none of its
;; code).  Each item is a function `bench-item/NAME' of no arguments that does the work once
;; and returns a short value both Emacsen print, so that a faster Emacs can be checked to give
;; the same result.  Sizes are chosen so that Debian's Emacs 28.2 takes ~5-20 ms interpreted.
;; The buffer items read `bench-elisp-xdisp' (the path of a real xdisp.c, set by the driver)
;; into one buffer, made by the untimed warm-up call.

(require 'cl-lib)

(defvar bench-elisp-xdisp nil "The file the buffer items work on (src/xdisp.c of Emacs 28.2).")

;;; fib: calls, integer arithmetic, a branch.
(defun bench-fib (n) (if (< n 2) n (+ (bench-fib (- n 1)) (bench-fib (- n 2)))))
(defun bench-item/fib () (bench-fib 21))

;;; list-length: a tail-recursive walk (no tail calls in elisp: the list is short, walked often).
(defun bench-length (l acc) (if l (bench-length (cdr l) (1+ acc)) acc))
(defun bench-item/list-length ()
  (let ((l (number-sequence 1 100)) (sum 0))
    (dotimes (_ 400) (setq sum (+ sum (bench-length l 0))))
    sum))

;;; bubble-list: bubble sort of a list in place (car/cdr/setcar).
(defun bench-bubble-list (l)
  (let ((swapped t))
    (while swapped
      (setq swapped nil)
      (let ((p l))
        (while (cdr p)
          (when (> (car p) (cadr p))
            (let ((x (car p))) (setcar p (cadr p)) (setcar (cdr p) x))
            (setq swapped t))
          (setq p (cdr p)))))
    l))
(defun bench-item/bubble-list ()
  (let ((l (mapcar (lambda (i) (% (* i 7919) 1009)) (number-sequence 1 200))))
    (let ((sorted (bench-bubble-list l))) (list (car sorted) (nth 100 sorted) (car (last sorted))))))

;;; bubble-vector: the same sort on a vector (aref/aset).
(defun bench-bubble-vector (v)
  (let ((n (length v)) (swapped t))
    (while swapped
      (setq swapped nil)
      (dotimes (i (1- n))
        (when (> (aref v i) (aref v (1+ i)))
          (let ((x (aref v i))) (aset v i (aref v (1+ i))) (aset v (1+ i) x))
          (setq swapped t))))
    v))
(defun bench-item/bubble-vector ()
  (let ((v (vconcat (mapcar (lambda (i) (% (* i 7919) 1009)) (number-sequence 1 150)))))
    (bench-bubble-vector v)
    (list (aref v 0) (aref v 75) (aref v 149))))

;;; inclist: increment every element of a list in place, over and over.
(defun bench-inclist (l) (let ((p l)) (while p (setcar p (1+ (car p))) (setq p (cdr p)))) l)
(defun bench-item/inclist ()
  (let ((l (make-list 1000 0)))
    (dotimes (_ 100) (bench-inclist l))
    (apply #'+ l)))

;;; nbody: a few steps of a five-body simulation in floats (vectors of bodies, float arithmetic).
(defun bench-nbody-bodies ()
  (let ((pi4 (* 4 float-pi float-pi)) (dpy 365.24))
    (mapcar (lambda (b) (vconcat (mapcar #'float b)))
            `((0 0 0 0 0 0 ,pi4)
              (4.84143144246472090e+00 -1.16032004402742839e+00 -1.03622044471123109e-01
               ,(* 1.66007664274403694e-03 dpy) ,(* 7.69901118419740425e-03 dpy)
               ,(* -6.90460016972063023e-05 dpy) ,(* 9.54791938424326609e-04 pi4))
              (8.34336671824457987e+00 4.12479856412430479e+00 -4.03523417114321381e-01
               ,(* -2.76742510726862411e-03 dpy) ,(* 4.99852801234917238e-03 dpy)
               ,(* 2.30417297573763929e-05 dpy) ,(* 2.85885980666130812e-04 pi4))
              (1.28943695621391310e+01 -1.51111514016986312e+01 -2.23307578892655734e-01
               ,(* 2.96460137564761618e-03 dpy) ,(* 2.37847173959480950e-03 dpy)
               ,(* -2.96589568540237556e-05 dpy) ,(* 4.36624404335156298e-05 pi4))
              (1.53796971148509165e+01 -2.59193146099879641e+01 1.79258772950371181e-01
               ,(* 2.68067772490389322e-03 dpy) ,(* 1.62824170038242295e-03 dpy)
               ,(* -9.51592254519715870e-05 dpy) ,(* 5.15138902046611451e-05 pi4))))))
(defun bench-nbody-advance (bodies dt)
  (let ((l bodies))
    (while l
      (let ((b (car l)))
        (dolist (c (cdr l))
          (let* ((dx (- (aref b 0) (aref c 0))) (dy (- (aref b 1) (aref c 1)))
                 (dz (- (aref b 2) (aref c 2)))
                 (d2 (+ (* dx dx) (* dy dy) (* dz dz)))
                 (mag (/ dt (* d2 (sqrt d2))))
                 (bm (* (aref b 6) mag)) (cm (* (aref c 6) mag)))
            (aset b 3 (- (aref b 3) (* dx cm))) (aset b 4 (- (aref b 4) (* dy cm)))
            (aset b 5 (- (aref b 5) (* dz cm)))
            (aset c 3 (+ (aref c 3) (* dx bm))) (aset c 4 (+ (aref c 4) (* dy bm)))
            (aset c 5 (+ (aref c 5) (* dz bm))))))
      (setq l (cdr l)))
    (dolist (b bodies)
      (dotimes (i 3) (aset b i (+ (aref b i) (* dt (aref b (+ i 3)))))))))
(defun bench-nbody-energy (bodies)
  (let ((e 0.0) (l bodies))
    (while l
      (let ((b (car l)))
        (setq e (+ e (* 0.5 (aref b 6) (+ (* (aref b 3) (aref b 3)) (* (aref b 4) (aref b 4))
                                          (* (aref b 5) (aref b 5))))))
        (dolist (c (cdr l))
          (let ((dx (- (aref b 0) (aref c 0))) (dy (- (aref b 1) (aref c 1)))
                (dz (- (aref b 2) (aref c 2))))
            (setq e (- e (/ (* (aref b 6) (aref c 6)) (sqrt (+ (* dx dx) (* dy dy) (* dz dz))))))))
        (setq l (cdr l))))
    e))
(defun bench-item/nbody ()
  (let ((bodies (bench-nbody-bodies)))
    (dotimes (_ 150) (bench-nbody-advance bodies 0.01))
    (bench-nbody-energy bodies)))

;;; pidigits: Gibbons' unbounded spigot for the digits of pi, in bignums.
(defun bench-pidigits (n)
  (let ((q 1) (r 0) (tt 1) (k 1) (nn 3) (l 3) (digits nil))
    (while (< (length digits) n)
      (if (< (+ (* 4 q) r (- tt)) (* nn tt))
          (let ((nr (* 10 (- r (* nn tt)))))
            (push nn digits)
            (setq nn (- (/ (* 10 (+ (* 3 q) r)) tt) (* 10 nn)) q (* q 10) r nr))
        (let ((nr (* (+ (* 2 q) r) l)) (nn2 (/ (+ (* q (+ (* 7 k) 2)) (* r l)) (* tt l))))
          (setq q (* q k) tt (* tt l) l (+ l 2) k (1+ k) nn nn2 r nr))))
    (mapconcat #'number-to-string (nreverse digits) "")))
(defun bench-item/pidigits () (bench-pidigits 400))

;;; dhrystone: a mix of records (vectors), string comparison, integer arithmetic and branches
;;; in the manner of the Dhrystone loop.
(defun bench-dhry-proc (rec int)
  (aset rec 2 (+ (aref rec 2) int))
  (if (eq (aref rec 1) 'ident-1)
      (progn (aset rec 1 'ident-2) (1+ int))
    (aset rec 1 'ident-1)
    (- int 2)))
(defun bench-dhry-func (s1 s2 ch)
  (cond ((string< s1 s2) (+ ch 1)) ((string= s1 s2) ch) (t (- ch 1))))
(defun bench-item/dhrystone ()
  (let ((rec (vector nil 'ident-1 0 "DHRYSTONE PROGRAM, SOME STRING"))
        (s1 "DHRYSTONE PROGRAM, 1'ST STRING") (s2 "DHRYSTONE PROGRAM, 2'ND STRING")
        (arr (make-vector 50 0)) (int-1 0) (int-2 0) (ch ?A))
    (dotimes (run 2500)
      (setq int-1 (bench-dhry-proc rec (% run 7)))
      (setq ch (bench-dhry-func s1 (if (= 0 (% run 2)) s2 s1) ch))
      (aset arr (% run 50) (+ (aref arr (% run 50)) int-1))
      (setq int-2 (+ int-2 (* 3 int-1) (- (/ int-1 2)) (if (> int-1 3) 1 0))))
    (list int-1 int-2 ch (aref rec 2) (aref rec 1) (apply #'+ (append arr nil)))))

;;; closures-map: closures made per element and called through mapcar and funcall.
(defun bench-adder (n) (lambda (x) (+ x n)))
(defun bench-item/closures-map ()
  (let ((l (number-sequence 1 200)) (sum 0))
    (dotimes (i 30)
      (let ((add (bench-adder i)))
        (setq sum (+ sum (apply #'+ (mapcar (lambda (x) (funcall add (* 2 x))) l))))
        (setq l (mapcar (lambda (x) (% (funcall add x) 1000)) l))))
    (list sum (apply #'+ l))))

;;; pcase: an evaluator of small expression trees dispatched by pcase patterns.
(defun bench-pcase-eval (e env)
  (pcase e
    ((pred integerp) e)
    ((pred symbolp) (cdr (assq e env)))
    (`(+ ,a ,b) (+ (bench-pcase-eval a env) (bench-pcase-eval b env)))
    (`(* ,a ,b) (* (bench-pcase-eval a env) (bench-pcase-eval b env)))
    (`(- ,a) (- (bench-pcase-eval a env)))
    (`(if ,c ,a ,b) (if (/= 0 (bench-pcase-eval c env)) (bench-pcase-eval a env)
                      (bench-pcase-eval b env)))
    (`(let (,v ,x) ,body) (bench-pcase-eval body (cons (cons v (bench-pcase-eval x env)) env)))
    (_ (error "bench-pcase-eval: bad expression %S" e))))
(defun bench-item/pcase ()
  (let ((e '(let (x (+ n 1)) (if (- x) (* (+ x 2) (let (y (* x x)) (+ y (- n)))) 0)))
        (sum 0))
    (dotimes (n 250) (setq sum (+ sum (bench-pcase-eval e (list (cons 'n n))))))
    sum))

;;; cl-labels: mutually recursive local functions and a local accumulator loop.
(defun bench-item/cl-labels ()
  (cl-labels ((evenp* (n) (if (= n 0) t (oddp* (1- n))))
              (oddp* (n) (if (= n 0) nil (evenp* (1- n))))
              (count (i acc) (if (= i 0) acc (count (1- i) (if (evenp* (% i 40)) (1+ acc) acc)))))
    (let ((sum 0)) (dotimes (_ 12) (setq sum (+ sum (count 200 0)))) sum)))

;;; string-build: concat, format, number-to-string, substring and mapconcat.
(defun bench-item/string-build ()
  (let ((s "") (parts nil))
    (dotimes (i 2000)
      (setq s (concat (substring s (max 0 (- (length s) 200))) (number-to-string i) ","))
      (push (format "%d:%s" i (upcase (substring s (max 0 (- (length s) 5))))) parts))
    (let ((joined (mapconcat #'identity parts ";")))
      (list (length joined) (substring joined 0 30) s))))

;;; hash-table: eql and equal tables, puthash, gethash, remhash and maphash.
(defun bench-item/hash-table ()
  (let ((h (make-hash-table :test 'eql)) (hs (make-hash-table :test 'equal)) (sum 0))
    (dotimes (i 4000) (puthash i (* i i) h))
    (dotimes (i 1000) (puthash (format "k%d" i) i hs))
    (dotimes (i 4000) (setq sum (+ sum (gethash i h 0) (gethash (format "k%d" (% i 1400)) hs 0))))
    (dotimes (i 2000) (remhash (* 2 i) h))
    (maphash (lambda (k v) (setq sum (+ sum k (% v 7)))) h)
    (list sum (hash-table-count h) (hash-table-count hs))))

;;; The buffer items: xdisp.c in a buffer of its own, with a C-like syntax table (words,
;;; symbols, strings, block and line comments) so that forward-sexp skips comments.
(defvar bench-xdisp-buffer nil)
(defun bench-xdisp-buffer ()
  (unless (buffer-live-p bench-xdisp-buffer)
    (setq bench-xdisp-buffer (get-buffer-create " bench-xdisp"))
    (with-current-buffer bench-xdisp-buffer
      (insert-file-contents bench-elisp-xdisp)
      (let ((st (make-syntax-table)))
        (modify-syntax-entry ?_ "_" st)
        (modify-syntax-entry ?' "\"" st)
        (modify-syntax-entry ?/ ". 124b" st)
        (modify-syntax-entry ?* ". 23" st)
        (modify-syntax-entry ?\n "> b" st)
        (set-syntax-table st)
        (setq-local parse-sexp-ignore-comments t))))
  bench-xdisp-buffer)

;;; buffer-insdel: insertions and deletions at moving places in xdisp.c (the gap moves), each
;;; undone, so that the buffer is the same after each run.
(defun bench-item/buffer-insdel ()
  (with-current-buffer (bench-xdisp-buffer)
    (let ((size (buffer-size)) (pos 1))
      (dotimes (i 6000)
        (setq pos (1+ (% (+ pos 7919) size)))
        (goto-char pos)
        (insert "inserted text " (number-to-string i))
        (delete-region pos (point)))
      (list (buffer-size) (buffer-substring 1000 1020)))))

;;; regexp-scan: matches of a few C regexps counted over the whole of xdisp.c.
(defun bench-item/regexp-scan ()
  (with-current-buffer (bench-xdisp-buffer)
    (mapcar (lambda (re)
              (goto-char (point-min))
              (let ((n 0)) (while (re-search-forward re nil t) (setq n (1+ n))) n))
            '("^[a-z_]+ (" "if (\\([a-z_]+\\)" "/\\*" "\\<EMACS_INT\\>"))))

;;; forward-word: the words of the first 300000 characters of xdisp.c.
(defun bench-item/forward-word ()
  (with-current-buffer (bench-xdisp-buffer)
    (goto-char (point-min))
    (let ((n 0)) (while (and (< (point) 300000) (forward-word 1)) (setq n (1+ n))) (list n (point)))))

;;; forward-sexp: the sexps of xdisp.c (one character skipped where a sexp does not end).
(defun bench-item/forward-sexp ()
  (with-current-buffer (bench-xdisp-buffer)
    (goto-char (point-min))
    (let ((n 0) (skipped 0))
      (while (< (point) (point-max))
        (condition-case nil (progn (forward-sexp 1) (setq n (1+ n)))
          (scan-error (forward-char 1) (setq skipped (1+ skipped)))))
      (list n skipped))))

;;; items.el ends here
