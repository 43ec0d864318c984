;;;; The C library for batch Emacs, part 5: time.  Clocks (glibc's), gnulib's timespec
;;;; arithmetic, gnulib's time_rz (tzalloc, localtime_rz, mktime_z: glibc's localtime_r and
;;;; mktime with TZ set for the call, as gnulib does) and gnulib's nstrftime, written again here
;;;; from gnulib's nstrftime.c with glibc's strftime for what depends on the locale, as gnulib
;;;; does when built for Emacs.
;;;
;;; struct tm and struct timespec are the translation's; a timezone_t is a %TIMEZONE.

(in-package "EMACS2CL-RUNTIME")

;;; ------------------------------------------------------------------------------------------
;;; Clocks and timespecs.

(defconstant +timespec-hz+ 1000000000)
(defconstant +time-t-max+ (1- (expt 2 63)))
(defconstant +time-t-min+ (- (expt 2 63)))

(defun %timespec-fields (ts)
  (values (%ref ts 0 :s64) (%ref ts 8 :s64)))

(defun %clock-gettime (clock)
  "The seconds and nanoseconds of glibc's clock_gettime (CLOCK)."
  (let ((b (make-array 16 :element-type '(unsigned-byte 8) :initial-element 0)))
    (sb-sys:with-pinned-objects (b)
      (%c-syscall "clock_gettime" sb-alien:int (sb-alien:int clock) (%sap-arg (sb-sys:vector-sap b))))
    (values (%octets-load b 0 :s64) (%octets-load b 8 :s64))))

(rt-define-external "current_timespec" ()
  (multiple-value-call #'%make-timespec (%clock-gettime 0)))

(rt-define-external "gettime" (ts)
  (multiple-value-bind (s ns) (%clock-gettime 0)
    (%fill-fields ts `((0 :s64 ,s) (8 :s64 ,ns)))
    nil))

(rt-define-external "clock_gettime" (clock ts)
  (%with-out-struct (b ts 16 '((0 :s64) (8 :s64)))
    (%c-syscall "clock_gettime" sb-alien:int (sb-alien:int clock) (%sap-arg b))))

(rt-define-external "gettimeofday" (tv tz)
  (declare (ignore tz))
  (multiple-value-bind (s ns) (%clock-gettime 0)
    (when tv (%fill-fields tv `((0 :s64 ,s) (8 :s64 ,(floor ns 1000)))))
    0))

(rt-define-external "time" (tp)
  (let ((s (%clock-gettime 0)))
    (when tp (setf (%ref tp 0 :s64) s))
    s))

(rt-define-external "make_timespec" (s ns) (%make-timespec s ns))

(rt-define-external "timespec_cmp" (a b)
  (multiple-value-bind (as ans) (%timespec-fields a)
    (multiple-value-bind (bs bns) (%timespec-fields b)
      (flet ((cmp (x y) (cond ((< x y) -1) ((> x y) 1) (t 0))))
        (+ (* 2 (cmp as bs)) (cmp ans bns))))))

(rt-define-external "timespec_sign" (a)
  (multiple-value-bind (s ns) (%timespec-fields a)
    (cond ((minusp s) -1) ((plusp s) 1) ((plusp ns) 1) (t 0))))

(rt-define-external "timespectod" (a)
  (multiple-value-bind (s ns) (%timespec-fields a)
    (+ (coerce s 'double-float) (/ (coerce ns 'double-float) 1d9))))

(rt-define-external "timespec_add" (a b)
  ;; gnulib's: the sum, saturated at the limits of time_t.
  (multiple-value-bind (as ans) (%timespec-fields a)
    (multiple-value-bind (bs bns) (%timespec-fields b)
      (let* ((ns (+ ans bns))
             (sec (+ as bs (if (>= ns +timespec-hz+) 1 0)))
             (rns (if (>= ns +timespec-hz+) (- ns +timespec-hz+) ns)))
        (cond ((> sec +time-t-max+) (%make-timespec +time-t-max+ (1- +timespec-hz+)))
              ((< sec +time-t-min+) (%make-timespec +time-t-min+ 0))
              (t (%make-timespec sec rns)))))))

(rt-define-external "timespec_sub" (a b)
  ;; gnulib's: the difference, saturated at the limits of time_t.
  (multiple-value-bind (as ans) (%timespec-fields a)
    (multiple-value-bind (bs bns) (%timespec-fields b)
      (let* ((ns (- ans bns))
             (sec (- as bs (if (minusp ns) 1 0)))
             (rns (if (minusp ns) (+ ns +timespec-hz+) ns)))
        (cond ((> sec +time-t-max+) (%make-timespec +time-t-max+ (1- +timespec-hz+)))
              ((< sec +time-t-min+) (%make-timespec +time-t-min+ 0))
              (t (%make-timespec sec rns)))))))

(rt-define-external "dtotimespec" (sec)
  ;; gnulib's: the timespec nearest SEC (rounding up a fraction of a nanosecond), saturated.
  (let ((sec (%double sec)))
    (cond ((not (< (coerce +time-t-min+ 'double-float) sec)) (%make-timespec +time-t-min+ 0))
          ((not (< sec (+ 1d0 (coerce +time-t-max+ 'double-float))))
           (%make-timespec +time-t-max+ (1- +timespec-hz+)))
          (t (let* ((s (truncate sec))
                    (frac (* 1d9 (- sec s)))
                    (ns (truncate frac)))
               (when (< ns frac) (incf ns))
               (multiple-value-bind (q r) (truncate ns +timespec-hz+)
                 (incf s q)
                 (setf ns r))
               (when (minusp ns) (decf s) (incf ns +timespec-hz+))
               (%make-timespec s ns))))))

;;; ------------------------------------------------------------------------------------------
;;; struct tm, between the translation's and glibc's.

(defconstant +tm-size+ 56)

(defparameter *tm-int-fields* '(0 4 8 12 16 20 24 28 32)
  "The offsets of the int fields of struct tm: tm_sec, tm_min, tm_hour, tm_mday, tm_mon,
tm_year, tm_wday, tm_yday, tm_isdst (then tm_gmtoff, a long at 40, and tm_zone at 48).")

(defstruct (%tm (:constructor %make-tm))
  "The fields of a struct tm, tm_zone as the octets of the zone name (or NIL)."
  (sec 0) (min 0) (hour 0) (mday 0) (mon 0) (year 0) (wday 0) (yday 0) (isdst 0) (gmtoff 0)
  (zone nil))

(defun %read-tm (p)
  "The %TM of the struct tm at P."
  (let ((zone (%ref p 48 :ptr)))
    (%make-tm :sec (%ref p 0 :s32) :min (%ref p 4 :s32) :hour (%ref p 8 :s32)
              :mday (%ref p 12 :s32) :mon (%ref p 16 :s32) :year (%ref p 20 :s32)
              :wday (%ref p 24 :s32) :yday (%ref p 28 :s32) :isdst (%ref p 32 :s32)
              :gmtoff (%ref p 40 :s64)
              :zone (and zone (%string-octets zone "struct tm")))))

(defun %tm-values (tm)
  (list (%tm-sec tm) (%tm-min tm) (%tm-hour tm) (%tm-mday tm) (%tm-mon tm) (%tm-year tm)
        (%tm-wday tm) (%tm-yday tm) (%tm-isdst tm)))

(defun %write-tm (p tm)
  "Store %TM TM into the struct tm at P (tm_zone a pointer to a fresh copy of the name)."
  (loop for off in *tm-int-fields* for v in (%tm-values tm)
        do (setf (%ref p off :s32) v))
  (setf (%ref p 40 :s64) (%tm-gmtoff tm)
        (%ref p 48 :ptr) (and (%tm-zone tm) (%new-c-string (%tm-zone tm))))
  p)

(defun %tm-buffer (tm)
  "A glibc struct tm (an octet vector) holding %TM TM, and the pinned copy of the zone name its
tm_zone points to (keep both pinned while glibc uses the buffer)."
  (let ((b (make-array +tm-size+ :element-type '(unsigned-byte 8) :initial-element 0))
        (zone (and (%tm-zone tm) (%octets-z (%tm-zone tm)))))
    (loop for off in *tm-int-fields* for v in (%tm-values tm)
          do (%octets-store b off :s32 v))
    (%octets-store b 40 :s64 (%tm-gmtoff tm))
    (values b zone)))

(defun %buffer-tm (b)
  "The %TM of the glibc struct tm in octet vector B (pinned: tm_zone is read from C memory)."
  (flet ((i (off) (%octets-load b off :s32)))
    (let ((zone (sb-sys:sap-ref-sap (sb-sys:vector-sap b) 48)))
      (%make-tm :sec (i 0) :min (i 4) :hour (i 8) :mday (i 12) :mon (i 16) :year (i 20)
                :wday (i 24) :yday (i 28) :isdst (i 32) :gmtoff (%octets-load b 40 :s64)
                :zone (if (%null-sap-p zone) nil (%sap-string-octets zone))))))

(defmacro %with-tm-buffer ((sap tm &optional (buffer (gensym "B"))) &body body)
  "Bind SAP to a pinned glibc struct tm holding %TM TM (BUFFER to its octet vector) around BODY."
  (let ((zone (gensym "ZONE")))
    `(multiple-value-bind (,buffer ,zone) (%tm-buffer ,tm)
       (sb-sys:with-pinned-objects (,buffer ,zone)
         (when ,zone
           (setf (sb-sys:sap-ref-sap (sb-sys:vector-sap ,buffer) 48) (sb-sys:vector-sap ,zone)))
         (let ((,sap (sb-sys:vector-sap ,buffer)))
           ,@body)))))

(defun %glibc-time-to-tm (function time)
  "glibc's localtime_r or gmtime_r (FUNCTION, a string) of TIME: a %TM, or NIL with errno."
  (let ((tb (make-array 8 :element-type '(unsigned-byte 8)))
        (b (make-array +tm-size+ :element-type '(unsigned-byte 8) :initial-element 0)))
    (%octets-store tb 0 :s64 time)
    (sb-sys:with-pinned-objects (tb b)
      (let ((r (if (string= function "gmtime_r")
                   (%c-call "gmtime_r" sb-sys:system-area-pointer (%sap-arg (sb-sys:vector-sap tb))
                            (%sap-arg (sb-sys:vector-sap b)))
                   (%c-call "localtime_r" sb-sys:system-area-pointer (%sap-arg (sb-sys:vector-sap tb))
                            (%sap-arg (sb-sys:vector-sap b))))))
        (if (%null-sap-p r)
            (progn (%set-errno (sb-alien:get-errno)) nil)
            (%buffer-tm b))))))

(defun %glibc-mktime (function tm)
  "glibc's mktime or timegm (FUNCTION) of %TM TM: the time and the normalized %TM."
  (%with-tm-buffer (sap tm b)
    (%clear-c-errno)
    (let ((time (if (string= function "timegm")
                    (%c-call "timegm" sb-alien:long (%sap-arg sap))
                    (%c-call "mktime" sb-alien:long (%sap-arg sap)))))
      (when (= time -1)
        (let ((e (sb-alien:get-errno))) (unless (zerop e) (%set-errno e))))
      (values time (%buffer-tm b)))))

;;; ------------------------------------------------------------------------------------------
;;; Time zones (gnulib's time_rz).

(defstruct (%timezone (:constructor %make-timezone (name)))
  "A timezone_t: the TZ setting NAME (octets), or NIL for the wall clock (TZ unset)."
  (name nil))

(defun %getenv-tz ()
  (let ((sap (%with-c-strings ((n (%new-c-string "TZ") "getenv"))
               (%c-call "getenv" sb-sys:system-area-pointer (%sap-arg n)))))
    (if (%null-sap-p sap) nil (%sap-string-octets sap))))

(defun %setenv-tz (name)
  "Set TZ to NAME (octets), or unset it for NIL, and call tzset."
  (let ((var (%octets-z "TZ")))
    (sb-sys:with-pinned-objects (var)
      (if name
          (let ((value (%octets-z name)))
            (sb-sys:with-pinned-objects (value)
              (%c-call "setenv" sb-alien:int (%sap-arg (sb-sys:vector-sap var))
                       (%sap-arg (sb-sys:vector-sap value)) (sb-alien:int 1))))
          (%c-call "unsetenv" sb-alien:int (%sap-arg (sb-sys:vector-sap var))))))
  (%c-call "tzset" sb-alien:void))

(defun %call-with-tz (tz thunk)
  "Call THUNK with the process's TZ set to %TIMEZONE TZ's, then restore it (gnulib's set_tz and
revert_tz)."
  (let ((env (%getenv-tz)) (name (%timezone-name tz)))
    (if (if env (and name (equalp name env)) (null name))
        (funcall thunk)
        (progn (%setenv-tz name)
               (unwind-protect (funcall thunk)
                 (%setenv-tz env))))))

(rt-define-external "tzalloc" (name)
  (%make-timezone (and name (%string-octets name "tzalloc"))))

(rt-define-external "tzfree" (tz)
  (declare (ignore tz))
  nil)

(rt-define-external "tzset" ()
  (%c-call "tzset" sb-alien:void)
  nil)

(defun %timezone-of (tz who)
  (cond ((null tz) nil)
        ((%timezone-p tz) tz)
        (t (%c-error "~A: ~A is not a timezone_t" who (%describe tz)))))

(defun %localtime-rz (tz time)
  "gnulib's localtime_rz: a %TM, or NIL (errno set)."
  (let ((tz (%timezone-of tz "localtime_rz")))
    (if (null tz)
        (%glibc-time-to-tm "gmtime_r" time)
        (%call-with-tz tz (lambda () (%glibc-time-to-tm "localtime_r" time))))))

(rt-define-external "localtime_rz" (tz tp tm)
  (let ((r (%localtime-rz tz (%ref tp 0 :s64))))
    (and r (%write-tm tm r))))

(rt-define-external "localtime_r" (tp tm)
  (let ((r (%glibc-time-to-tm "localtime_r" (%ref tp 0 :s64))))
    (and r (%write-tm tm r))))

(rt-define-external "gmtime_r" (tp tm)
  (let ((r (%glibc-time-to-tm "gmtime_r" (%ref tp 0 :s64))))
    (and r (%write-tm tm r))))

(defun %mktime-z (tz tm)
  "gnulib's mktime_z of %TM TM: the time and the normalized %TM, or -1 and NIL."
  (let ((tz (%timezone-of tz "mktime_z")))
    (if (null tz)
        (%glibc-mktime "timegm" tm)
        (%call-with-tz
         tz (lambda ()
              (let ((in (copy-%tm tm)))
                (setf (%tm-yday in) -1)
                (multiple-value-bind (time out) (%glibc-mktime "mktime" in)
                  (if (<= 0 (%tm-yday out))
                      (values time out)
                      (values -1 nil)))))))))

(rt-define-external "mktime_z" (tz tm)
  (multiple-value-bind (time out) (%mktime-z tz (%read-tm tm))
    (when out (%write-tm tm out))
    time))

(rt-define-external "mktime" (tm)
  (multiple-value-bind (time out) (%glibc-mktime "mktime" (%read-tm tm))
    (%write-tm tm out)
    time))

(rt-define-external "timegm" (tm)
  (multiple-value-bind (time out) (%glibc-mktime "timegm" (%read-tm tm))
    (%write-tm tm out)
    time))

;;; ------------------------------------------------------------------------------------------
;;; nstrftime (gnulib's nstrftime.c, as Emacs builds it: no tzname, tm_gmtoff and tm_zone
;;; used, the locale's names from glibc's strftime).

(define-condition %strftime-failed (error)
  ((errno :initarg :errno :reader %strftime-failed-errno))
  (:documentation "Internal: nstrftime fails with this errno (ERANGE, EOVERFLOW)."))

(defun %underlying-strftime (tm modifier format-char)
  "glibc's strftime of the single directive %[MODIFIER]FORMAT-CHAR for %TM TM, as octets."
  (let ((fmt (%octets-z (coerce (remove nil (list #\Space #\% (and modifier (code-char modifier))
                                                  (code-char format-char)))
                                'string)))
        (out (make-array 1024 :element-type '(unsigned-byte 8))))
    (%with-tm-buffer (sap tm)
      (sb-sys:with-pinned-objects (fmt out)
        (let ((len (%c-call "strftime" sb-alien:unsigned-long (%sap-arg (sb-sys:vector-sap out))
                            (sb-alien:unsigned-long 1024) (%sap-arg (sb-sys:vector-sap fmt))
                            (%sap-arg sap))))
          (if (zerop len) nil (subseq out 1 len)))))))

(defun %iso-week-days (yday wday)
  (+ (- yday (rem (+ (- yday wday) 4 378) 7)) 4 -1))

(defun %leap-year-p (year)
  (and (zerop (rem year 4)) (or (/= 0 (rem year 100)) (zerop (rem year 400)))))

(defun %strftime-internal (format tm upcase yr-spec width tz ns maxsize)
  "The bytes of gnulib's __strftime_internal for FORMAT (an octet vector) and %TM TM; signals
%STRFTIME-FAILED (ERANGE) when MAXSIZE bytes (with the NUL) are not enough."
  (let* ((out (make-array 64 :element-type '(unsigned-byte 8) :adjustable t :fill-pointer 0))
         (n (length format))
         (hour12 (let ((h (%tm-hour tm))) (cond ((> h 12) (- h 12)) ((= h 0) 12) (t h))))
         (zone (or (%tm-zone tm) #()))
         (f 0))
    (labels ((at (k) (if (< k n) (aref format k) 0))
             (fail (errno) (error '%strftime-failed :errno errno))
             (push-bytes (bytes &optional lower upper)
               (loop for b across bytes
                     do (vector-push-extend (cond (lower (%c-tolower b)) (upper (%c-toupper b)) (t b))
                                            out)))
             (width-add (width pad len writer)
               ;; gnulib's width_add: pad to WIDTH (unless PAD is '-'), then LEN bytes by WRITER.
               (let* ((w (if (or (eql pad 45) (< width 0)) 0 width))
                      (incr (max len w)))
                 (when (>= incr (- maxsize (fill-pointer out))) (fail +erange+))
                 (when (< len w)
                   (loop repeat (- w len)
                         do (vector-push-extend (if (or (eql pad 48) (eql pad 43)) 48 32) out)))
                 (funcall writer)))
             (cpy (width pad bytes lower upper)
               (width-add width pad (length bytes) (lambda () (push-bytes bytes lower upper))))
             (subformat (width pad subfmt subwidth upcase)
               ;; A sub-format, with the case and the padding as the year's padding.
               (let ((bytes (%strftime-internal (map 'octets #'char-code subfmt) tm upcase pad
                                                subwidth tz ns most-positive-fixnum)))
                 (width-add width pad (length bytes) (lambda () (push-bytes bytes)))))
             (sign-and-padding (width pad negative always-sign chars digits lower upper)
               ;; gnulib's do_number_sign_and_padding.
               (when (eql pad 0) (setf pad 48))
               (when (< width 0) (setf width digits))
               (let* ((sign (cond (negative 45) (always-sign 43)))
                      (shortage (- width (if sign 1 0) (length chars)))
                      (padding (if (or (eql pad 45) (<= shortage 0)) 0 shortage)))
                 (when sign
                   (when (eql pad 95)
                     (loop repeat padding do (vector-push-extend 32 out))
                     (decf width padding))
                   (cpy 0 pad (vector sign) nil nil)
                   (decf width))
                 (cpy width pad chars lower upper))))
      (loop while (< f n)
            do (let ((c (at f)))
                 (if (/= c 37)
                     (cpy width 0 (vector c) nil nil)
                     (let ((pad 0) (modifier nil) (to-lowcase nil) (to-uppcase upcase)
                           (change-case nil) (start f))
                       ;; Flags.
                       (loop (incf f)
                             (case (at f)
                               ((95 45 43 48) (setf pad (at f)))      ; _ - + 0
                               (94 (setf to-uppcase t))               ; ^
                               (35 (setf change-case t))              ; #
                               (t (return))))
                       ;; Width.
                       (when (<= 48 (at f) 57)
                         (setf width 0)
                         (loop while (<= 48 (at f) 57)
                               do (setf width (min most-positive-fixnum
                                                   (+ (* width 10) (- (at f) 48))))
                                  (incf f))
                         (setf width (min width (1- (expt 2 31)))))
                       ;; Modifier.
                       (when (member (at f) '(69 79)) ; E O
                         (setf modifier (at f))
                         (incf f))
                       (let ((format-char (at f)) (digits 0) (value 0) (negative nil)
                             (always-sign nil) (colon-mask 0))
                         (macrolet ((bad () `(go bad-format)))
                           (tagbody
                              (case (code-char format-char)
                                (#\% (when modifier (bad))
                                 (cpy width pad #(37) nil nil) (go done))
                                ((#\a #\A) (when modifier (bad))
                                 (when change-case (setf to-uppcase t to-lowcase nil))
                                 (go underlying))
                                ((#\b #\h) (when change-case (setf to-uppcase t to-lowcase nil))
                                 (when (eql modifier 69) (bad))
                                 (go underlying))
                                (#\B (when (eql modifier 69) (bad))
                                 (when change-case (setf to-uppcase t to-lowcase nil))
                                 (go underlying))
                                ((#\c #\x #\X) (when (eql modifier 79) (bad)) (go underlying))
                                (#\r (go underlying))
                                (#\C (when (eql modifier 69) (go underlying))
                                 (let* ((year (%tm-year tm))
                                        (negative-year (< year -1900))
                                        (zero-thru-1899 (and (not negative-year) (< year 0))))
                                   (setf digits 2 negative negative-year
                                         value (+ (truncate (- year (if zero-thru-1899 99 0)) 100) 19))
                                   (go yearish)))
                                (#\D (when modifier (bad))
                                 (subformat width pad "%m/%d/%y" -1 to-uppcase) (go done))
                                (#\d (when (eql modifier 69) (bad))
                                 (setf digits 2 value (%tm-mday tm)) (go number))
                                (#\e (when (eql modifier 69) (bad))
                                 (setf digits 2 value (%tm-mday tm)) (go number-spacepad))
                                (#\F (when modifier (bad))
                                 (let ((subwidth (if (and (eql pad 0) (< width 0))
                                                     (progn (setf pad 43) 4)
                                                     (max 0 (- width 6)))))
                                   (subformat width pad "%Y-%m-%d" subwidth to-uppcase))
                                 (go done))
                                (#\H (when (eql modifier 69) (bad))
                                 (setf digits 2 value (%tm-hour tm)) (go number))
                                (#\I (when (eql modifier 69) (bad))
                                 (setf digits 2 value hour12) (go number))
                                (#\k (when (eql modifier 69) (bad))
                                 (setf digits 2 value (%tm-hour tm)) (go number-spacepad))
                                (#\l (when (eql modifier 69) (bad))
                                 (setf digits 2 value hour12) (go number-spacepad))
                                (#\j (when (eql modifier 69) (bad))
                                 (setf digits 3 negative (< (%tm-yday tm) -1) value (1+ (%tm-yday tm)))
                                 (go signed-number))
                                (#\M (when (eql modifier 69) (bad))
                                 (setf digits 2 value (%tm-min tm)) (go number))
                                (#\m (when (eql modifier 69) (bad))
                                 (setf digits 2 negative (< (%tm-mon tm) -1) value (1+ (%tm-mon tm)))
                                 (go signed-number))
                                (#\N (when (eql modifier 69) (bad))
                                 (let* ((nsv ns) (ndigs 9))
                                   (when (<= width 0) (setf width 9))
                                   (loop while (or (< width ndigs) (and (< 1 ndigs) (zerop (rem nsv 10))))
                                         do (decf ndigs) (setf nsv (truncate nsv 10)))
                                   (let ((buf (make-array ndigs :element-type '(unsigned-byte 8))))
                                     (loop for j from ndigs above 0
                                           do (setf (aref buf (1- j)) (+ 48 (rem nsv 10))
                                                    nsv (truncate nsv 10)))
                                     (when (eql pad 0) (setf pad 48))
                                     (cpy 0 pad buf to-lowcase to-uppcase)
                                     (width-add (- width ndigs) pad 0 (lambda ()))))
                                 (go done))
                                (#\n (cpy width pad #(10) nil nil) (go done))
                                (#\P (setf to-lowcase t format-char (char-code #\p))
                                 (when change-case (setf to-uppcase nil to-lowcase t))
                                 (go underlying))
                                (#\p (when change-case (setf to-uppcase nil to-lowcase t))
                                 (go underlying))
                                (#\q (setf digits 1 negative nil
                                           value (1+ (ash (* (%tm-mon tm) 11) -5)))
                                 (go signed-number))
                                (#\R (subformat width pad "%H:%M" -1 to-uppcase) (go done))
                                (#\S (when (eql modifier 69) (bad))
                                 (setf digits 2 value (%tm-sec tm)) (go number))
                                (#\s
                                 (let ((ltm (copy-%tm tm)))
                                   (setf (%tm-yday ltm) -1)
                                   (multiple-value-bind (time out-tm) (%mktime-z tz ltm)
                                     (unless (and out-tm (<= 0 (%tm-yday out-tm)))
                                       (fail +eoverflow+))
                                     (sign-and-padding width pad (minusp time) nil
                                                       (map 'octets #'char-code
                                                            (princ-to-string (abs time)))
                                                       1 to-lowcase to-uppcase)))
                                 (go done))
                                (#\T (subformat width pad "%H:%M:%S" -1 to-uppcase) (go done))
                                (#\t (cpy width pad #(9) nil nil) (go done))
                                (#\u (setf digits 1 value (1+ (rem (+ (%tm-wday tm) -1 7) 7))) (go number))
                                (#\U (when (eql modifier 69) (bad))
                                 (setf digits 2 value (truncate (+ (- (%tm-yday tm) (%tm-wday tm)) 7) 7))
                                 (go number))
                                ((#\V #\g #\G)
                                 (when (eql modifier 69) (bad))
                                 (let* ((tyear (%tm-year tm))
                                        (year (+ tyear (if (< tyear 0) 300 -100)))
                                        (year-adjust 0)
                                        (days (%iso-week-days (%tm-yday tm) (%tm-wday tm))))
                                   (if (< days 0)
                                       (setf year-adjust -1
                                             days (%iso-week-days
                                                   (+ (%tm-yday tm) 365 (if (%leap-year-p (1- year)) 1 0))
                                                   (%tm-wday tm)))
                                       (let ((d (%iso-week-days
                                                 (- (%tm-yday tm) (+ 365 (if (%leap-year-p year) 1 0)))
                                                 (%tm-wday tm))))
                                         (when (<= 0 d) (setf year-adjust 1 days d))))
                                   (case (code-char format-char)
                                     (#\g (let ((yy (rem (+ (rem tyear 100) year-adjust) 100)))
                                            (setf digits 2 negative nil
                                                  value (cond ((<= 0 yy) yy)
                                                              ((< tyear (- -1900 year-adjust)) (- yy))
                                                              (t (+ yy 100))))
                                            (go yearish)))
                                     (#\G (setf digits 4 negative (< tyear (- -1900 year-adjust))
                                                value (+ tyear 1900 year-adjust))
                                      (go yearish))
                                     (t (setf digits 2 value (1+ (truncate days 7))) (go number)))))
                                (#\W (when (eql modifier 69) (bad))
                                 (setf digits 2 value (truncate (+ (- (%tm-yday tm)
                                                                      (rem (+ (%tm-wday tm) -1 7) 7))
                                                                   7)
                                                                7))
                                 (go number))
                                (#\w (when (eql modifier 69) (bad))
                                 (setf digits 1 value (%tm-wday tm)) (go number))
                                (#\Y (when (eql modifier 69) (go underlying))
                                 (when (eql modifier 79) (bad))
                                 (setf digits 4 negative (< (%tm-year tm) -1900) value (+ (%tm-year tm) 1900))
                                 (go yearish))
                                (#\y (when (eql modifier 69) (go underlying))
                                 (let ((yy (rem (%tm-year tm) 100)))
                                   (when (< yy 0)
                                     (setf yy (if (< (%tm-year tm) -1900) (- yy) (+ yy 100))))
                                   (setf digits 2 negative nil value yy))
                                 (go yearish))
                                (#\Z (when change-case (setf to-uppcase nil to-lowcase t))
                                 (cpy width pad zone to-lowcase to-uppcase) (go done))
                                ((#\: #\z)
                                 (let ((colons 0))
                                   (when (= format-char 58)
                                     (setf colons (loop for k from f while (= (at k) 58) count t))
                                     (unless (= (at (+ f colons)) 122) (bad))
                                     (incf f colons))
                                   (when (< (%tm-isdst tm) 0) (go done))
                                   (let* ((diff (%tm-gmtoff tm))
                                          (hour-diff (truncate (truncate diff 60) 60))
                                          (min-diff (rem (truncate diff 60) 60))
                                          (sec-diff (rem diff 60)))
                                     (setf negative (or (< diff 0) (and (zerop diff) (plusp (length zone))
                                                                       (= (aref zone 0) 45))))
                                     (when (eql colons 3)
                                       (setf colons (cond ((/= sec-diff 0) 2) ((/= min-diff 0) 1) (t :hours))))
                                     (case colons
                                       (0 (setf digits 5 colon-mask 0 value (+ (* hour-diff 100) min-diff)))
                                       (1 (setf digits 6 colon-mask 4 value (+ (* hour-diff 100) min-diff)))
                                       (2 (setf digits 9 colon-mask 20
                                                value (+ (* hour-diff 10000) (* min-diff 100) sec-diff)))
                                       (:hours (setf digits 3 colon-mask 0 value hour-diff))
                                       (t (bad)))
                                     (setf always-sign t)
                                     (go number-body))))
                                (t (when (>= f n) (decf f)) (bad)))
                            number-spacepad
                              (when (eql pad 0) (setf pad 95))
                            number
                              (setf negative (minusp value))
                            signed-number
                              (setf always-sign nil)
                              (go maybe-signed-number)
                            yearish
                              (when (eql pad 0) (setf pad yr-spec))
                              (setf always-sign
                                    (and (eql pad 43)
                                         (or (< (if (= digits 2) 99 9999)
                                                (if negative (ldb (byte 32 0) value) value))
                                             (< digits width))))
                            maybe-signed-number
                              (setf colon-mask 0)
                            number-body
                              (when (and (eql modifier 79) (not negative))
                                (go underlying))
                              (let* ((u (ldb (byte 32 0) value))
                                     (u (if negative (ldb (byte 32 0) (- u)) u))
                                     (chars '()))
                                (loop do (when (logbitp 0 colon-mask) (push 58 chars))
                                         (setf colon-mask (ash colon-mask -1))
                                         (push (+ 48 (rem u 10)) chars)
                                         (setf u (floor u 10))
                                      while (or (/= u 0) (/= colon-mask 0)))
                                (sign-and-padding width pad negative always-sign
                                                  (coerce chars 'octets) digits
                                                  to-lowcase to-uppcase))
                              (go done)
                            underlying
                              (let ((bytes (%underlying-strftime tm modifier format-char)))
                                (when bytes (cpy width pad bytes to-lowcase to-uppcase)))
                              (go done)
                            bad-format
                              (cpy width pad (subseq format start (1+ f)) to-lowcase to-uppcase)
                            done))))))
               (setf width -1)
               (incf f))
      (coerce out 'octets))))

(rt-define-external "nstrftime" (s maxsize format tp tz ns)
  ;; The length of the text stored at S (with a NUL), or 0 with errno ERANGE when MAXSIZE bytes
  ;; are not enough, or EOVERFLOW for a %s out of range.
  (handler-case
      (let ((bytes (%strftime-internal (%string-octets format "nstrftime") (%read-tm tp) nil 0 -1
                                       (%timezone-of tz "nstrftime") ns maxsize)))
        (%store-octets s (%octets-z bytes) :who "nstrftime")
        (length bytes))
    (%strftime-failed (c)
      (%set-errno (%strftime-failed-errno c))
      0)))
