;;;; The C library for batch Emacs, part 7: gnulib's message digests (md5_buffer, sha1_buffer,
;;;; sha224/256/384/512_buffer, and the sha1_ctx functions buffer-hash uses), which secure-hash,
;;;; md5 and buffer-hash call.  MD5 (RFC 1321), SHA-1 and SHA-2 (FIPS 180-4) written here.

(in-package "EMACS2CL-RUNTIME")

(defmacro %u32+ (&rest xs) `(ldb (byte 32 0) (+ ,@xs)))

(declaim (inline %rotl32))
(defun %rotl32 (x n) (ldb (byte 32 0) (logior (ash x n) (ash x (- n 32)))))

(defun %md-pad (data block-size length-bytes big-endian)
  "DATA (octets) padded as MD5 and the SHAs pad: 0x80, zeros, the length in bits in
LENGTH-BYTES bytes, to a multiple of BLOCK-SIZE."
  (let* ((n (length data))
         (total (* block-size (ceiling (+ n 1 length-bytes) block-size)))
         (v (make-array total :element-type '(unsigned-byte 8) :initial-element 0))
         (bits (* 8 n)))
    (replace v data)
    (setf (aref v n) #x80)
    (dotimes (i length-bytes v)
      (setf (aref v (if big-endian (- total 1 i) (+ (- total length-bytes) i)))
            (ldb (byte 8 (* 8 i)) bits)))))

(defun %word (v off bytes big-endian)
  (let ((w 0))
    (dotimes (i bytes w)
      (setf w (logior w (ash (aref v (+ off i)) (* 8 (if big-endian (- bytes 1 i) i))))))))

(defun %words-octets (words bytes big-endian count)
  "The first COUNT bytes of WORDS (each of BYTES bytes) serialized."
  (let ((v (make-array (* bytes (length words)) :element-type '(unsigned-byte 8))))
    (loop for w in words for k from 0
          do (dotimes (i bytes)
               (setf (aref v (+ (* k bytes) i))
                     (ldb (byte 8 (* 8 (if big-endian (- bytes 1 i) i))) w))))
    (subseq v 0 count)))

;;; MD5.

(sb-ext:define-load-time-global **md5-k**
    (coerce (loop for i from 0 below 64 collect (floor (* (abs (sin (float (1+ i) 1d0))) (expt 2 32))))
            'simple-vector))

(sb-ext:define-load-time-global **md5-s**
    (coerce (loop for r in '((7 12 17 22) (5 9 14 20) (4 11 16 23) (6 10 15 21))
                  append (loop repeat 4 append r))
            'simple-vector))

(defun %md5 (data)
  (let ((v (%md-pad data 64 8 nil))
        (a0 #x67452301) (b0 #xefcdab89) (c0 #x98badcfe) (d0 #x10325476))
    (loop for off from 0 below (length v) by 64
          do (let ((m (coerce (loop for i below 16 collect (%word v (+ off (* 4 i)) 4 nil)) 'simple-vector))
                   (a a0) (b b0) (c c0) (d d0))
               (dotimes (i 64)
                 (multiple-value-bind (f g)
                     (case (floor i 16)
                       (0 (values (logior (logand b c) (logand (lognot b) d)) i))
                       (1 (values (logior (logand d b) (logand (lognot d) c)) (mod (+ (* 5 i) 1) 16)))
                       (2 (values (logxor b c d) (mod (+ (* 3 i) 5) 16)))
                       (t (values (logxor c (logior b (ldb (byte 32 0) (lognot d)))) (mod (* 7 i) 16))))
                   (let ((f (%u32+ (ldb (byte 32 0) f) a (svref **md5-k** i) (svref m g))))
                     (setf a d d c c b
                           b (%u32+ b (%rotl32 f (svref **md5-s** i)))))))
               (setf a0 (%u32+ a0 a) b0 (%u32+ b0 b) c0 (%u32+ c0 c) d0 (%u32+ d0 d))))
    (%words-octets (list a0 b0 c0 d0) 4 nil 16)))

;;; SHA-1.

(defun %sha1 (data)
  (let ((v (%md-pad data 64 8 t))
        (h (list #x67452301 #xEFCDAB89 #x98BADCFE #x10325476 #xC3D2E1F0))
        (w (make-array 80)))
    (loop for off from 0 below (length v) by 64
          do (dotimes (i 16) (setf (svref w i) (%word v (+ off (* 4 i)) 4 t)))
             (loop for i from 16 below 80
                   do (setf (svref w i) (%rotl32 (logxor (svref w (- i 3)) (svref w (- i 8))
                                                         (svref w (- i 14)) (svref w (- i 16)))
                                                 1)))
             (destructuring-bind (a b c d e) h
               (dotimes (i 80)
                 (multiple-value-bind (f k)
                     (cond ((< i 20) (values (logior (logand b c) (logand (ldb (byte 32 0) (lognot b)) d))
                                             #x5A827999))
                           ((< i 40) (values (logxor b c d) #x6ED9EBA1))
                           ((< i 60) (values (logior (logand b c) (logand b d) (logand c d)) #x8F1BBCDC))
                           (t (values (logxor b c d) #xCA62C1D6)))
                   (let ((temp (%u32+ (%rotl32 a 5) f e k (svref w i))))
                     (setf e d d c c (%rotl32 b 30) b a a temp))))
               (setf h (mapcar (lambda (x y) (%u32+ x y)) h (list a b c d e)))))
    (%words-octets h 4 t 20)))

;;; SHA-2.

(sb-ext:define-load-time-global **sha256-k**
    (coerce '(#x428a2f98 #x71374491 #xb5c0fbcf #xe9b5dba5 #x3956c25b #x59f111f1 #x923f82a4 #xab1c5ed5
              #xd807aa98 #x12835b01 #x243185be #x550c7dc3 #x72be5d74 #x80deb1fe #x9bdc06a7 #xc19bf174
              #xe49b69c1 #xefbe4786 #x0fc19dc6 #x240ca1cc #x2de92c6f #x4a7484aa #x5cb0a9dc #x76f988da
              #x983e5152 #xa831c66d #xb00327c8 #xbf597fc7 #xc6e00bf3 #xd5a79147 #x06ca6351 #x14292967
              #x27b70a85 #x2e1b2138 #x4d2c6dfc #x53380d13 #x650a7354 #x766a0abb #x81c2c92e #x92722c85
              #xa2bfe8a1 #xa81a664b #xc24b8b70 #xc76c51a3 #xd192e819 #xd6990624 #xf40e3585 #x106aa070
              #x19a4c116 #x1e376c08 #x2748774c #x34b0bcb5 #x391c0cb3 #x4ed8aa4a #x5b9cca4f #x682e6ff3
              #x748f82ee #x78a5636f #x84c87814 #x8cc70208 #x90befffa #xa4506ceb #xbef9a3f7 #xc67178f2)
            'simple-vector))

(sb-ext:define-load-time-global **sha512-k**
    (coerce '(#x428a2f98d728ae22 #x7137449123ef65cd #xb5c0fbcfec4d3b2f #xe9b5dba58189dbbc
              #x3956c25bf348b538 #x59f111f1b605d019 #x923f82a4af194f9b #xab1c5ed5da6d8118
              #xd807aa98a3030242 #x12835b0145706fbe #x243185be4ee4b28c #x550c7dc3d5ffb4e2
              #x72be5d74f27b896f #x80deb1fe3b1696b1 #x9bdc06a725c71235 #xc19bf174cf692694
              #xe49b69c19ef14ad2 #xefbe4786384f25e3 #x0fc19dc68b8cd5b5 #x240ca1cc77ac9c65
              #x2de92c6f592b0275 #x4a7484aa6ea6e483 #x5cb0a9dcbd41fbd4 #x76f988da831153b5
              #x983e5152ee66dfab #xa831c66d2db43210 #xb00327c898fb213f #xbf597fc7beef0ee4
              #xc6e00bf33da88fc2 #xd5a79147930aa725 #x06ca6351e003826f #x142929670a0e6e70
              #x27b70a8546d22ffc #x2e1b21385c26c926 #x4d2c6dfc5ac42aed #x53380d139d95b3df
              #x650a73548baf63de #x766a0abb3c77b2a8 #x81c2c92e47edaee6 #x92722c851482353b
              #xa2bfe8a14cf10364 #xa81a664bbc423001 #xc24b8b70d0f89791 #xc76c51a30654be30
              #xd192e819d6ef5218 #xd69906245565a910 #xf40e35855771202a #x106aa07032bbd1b8
              #x19a4c116b8d2d0c8 #x1e376c085141ab53 #x2748774cdf8eeb99 #x34b0bcb5e19b48a8
              #x391c0cb3c5c95a63 #x4ed8aa4ae3418acb #x5b9cca4f7763e373 #x682e6ff3d6b2b8a3
              #x748f82ee5defb2fc #x78a5636f43172f60 #x84c87814a1f0ab72 #x8cc702081a6439ec
              #x90befffa23631e28 #xa4506cebde82bde9 #xbef9a3f7b2c67915 #xc67178f2e372532b
              #xca273eceea26619c #xd186b8c721c0c207 #xeada7dd6cde0eb1e #xf57d4f7fee6ed178
              #x06f067aa72176fba #x0a637dc5a2c898a6 #x113f9804bef90dae #x1b710b35131c471b
              #x28db77f523047d84 #x32caab7b40c72493 #x3c9ebe0a15c9bebc #x431d67c49c100d4c
              #x4cc5d4becb3e42b6 #x597f299cfc657e2a #x5fcb6fab3ad6faec #x6c44198c4a475817)
            'simple-vector))

(defmacro %define-sha2 (name bits rounds k big-sigma-0 big-sigma-1 small-sigma-0 small-sigma-1)
  "Define (NAME DATA INITIAL COUNT): SHA-2 with words of BITS bits, ROUNDS rounds, constants K,
and rotations/shifts (a b c) for the four functions of FIPS 180-4 (a shift for the small
sigmas' third); the first COUNT bytes of the digest from the hash values INITIAL."
  (let ((bytes (/ bits 8)))
    (flet ((rot (x n) `(%rotr ,x ,n ,bits)))
      `(defun ,name (data initial count)
         (let ((v (%md-pad data ,(* 16 bytes) ,(* 2 bytes) t)) (h initial) (w (make-array ,rounds)))
           (loop for off from 0 below (length v) by ,(* 16 bytes)
                 do (dotimes (i 16) (setf (svref w i) (%word v (+ off (* ,bytes i)) ,bytes t)))
                    (loop for i from 16 below ,rounds
                          do (let* ((x (svref w (- i 15))) (y (svref w (- i 2)))
                                    (s0 (logxor ,(rot 'x (first small-sigma-0)) ,(rot 'x (second small-sigma-0))
                                                (ash x ,(- (third small-sigma-0)))))
                                    (s1 (logxor ,(rot 'y (first small-sigma-1)) ,(rot 'y (second small-sigma-1))
                                                (ash y ,(- (third small-sigma-1))))))
                               (setf (svref w i) (ldb (byte ,bits 0) (+ (svref w (- i 16)) s0 (svref w (- i 7)) s1)))))
                    (destructuring-bind (a b c d e f g hh) h
                      (dotimes (i ,rounds)
                        (let* ((s1 (logxor ,@(mapcar (lambda (n) (rot 'e n)) big-sigma-1)))
                               (ch (logxor (logand e f) (logand (ldb (byte ,bits 0) (lognot e)) g)))
                               (t1 (ldb (byte ,bits 0) (+ hh s1 ch (svref ,k i) (svref w i))))
                               (s0 (logxor ,@(mapcar (lambda (n) (rot 'a n)) big-sigma-0)))
                               (maj (logxor (logand a b) (logand a c) (logand b c)))
                               (t2 (ldb (byte ,bits 0) (+ s0 maj))))
                          (setf hh g g f f e e (ldb (byte ,bits 0) (+ d t1)) d c c b b a
                                a (ldb (byte ,bits 0) (+ t1 t2)))))
                      (setf h (mapcar (lambda (x y) (ldb (byte ,bits 0) (+ x y))) h
                                      (list a b c d e f g hh)))))
           (%words-octets h ,bytes t count))))))

(declaim (inline %rotr))
(defun %rotr (x n bits) (ldb (byte bits 0) (logior (ash x (- n)) (ash x (- bits n)))))

(%define-sha2 %sha256 32 64 **sha256-k** (2 13 22) (6 11 25) (7 18 3) (17 19 10))
(%define-sha2 %sha512 64 80 **sha512-k** (28 34 39) (14 18 41) (1 8 7) (19 61 6))

(defun %digest (algorithm data)
  "The digest (octets) of octet vector DATA by ALGORITHM (:md5, :sha1, :sha224, :sha256,
:sha384 or :sha512)."
  (ecase algorithm
    (:md5 (%md5 data))
    (:sha1 (%sha1 data))
    (:sha224 (%sha256 data '(#xc1059ed8 #x367cd507 #x3070dd17 #xf70e5939
                             #xffc00b31 #x68581511 #x64f98fa7 #xbefa4fa4)
                      28))
    (:sha256 (%sha256 data '(#x6a09e667 #xbb67ae85 #x3c6ef372 #xa54ff53a
                             #x510e527f #x9b05688c #x1f83d9ab #x5be0cd19)
                      32))
    (:sha384 (%sha512 data '(#xcbbb9d5dc1059ed8 #x629a292a367cd507 #x9159015a3070dd17
                             #x152fecd8f70e5939 #x67332667ffc00b31 #x8eb44a8768581511
                             #xdb0c2e0d64f98fa7 #x47b5481dbefa4fa4)
                      48))
    (:sha512 (%sha512 data '(#x6a09e667f3bcc908 #xbb67ae8584caa73b #x3c6ef372fe94f82b
                             #xa54ff53a5f1d36f1 #x510e527fade682d1 #x9b05688c2b3e6c1f
                             #x1f83d9abfb41bd6b #x5be0cd19137e2179)
                      64))))

(macrolet ((def (name algorithm)
             `(rt-define-external ,name (buffer length resblock)
                ;; gnulib's: the digest of the LENGTH bytes at BUFFER, stored at RESBLOCK.
                (multiple-value-bind (v off) (%load-octets buffer length ,name)
                  (%store-octets resblock (%digest ,algorithm (subseq v off (+ off length)))
                                 :who ,name))
                resblock)))
  (def "md5_buffer" :md5)
  (def "sha1_buffer" :sha1)
  (def "sha224_buffer" :sha224)
  (def "sha256_buffer" :sha256)
  (def "sha384_buffer" :sha384)
  (def "sha512_buffer" :sha512))

;;; The sha1_ctx functions: the bytes given so far are kept with the context (whose fields are
;;; not used).

(sb-ext:defglobal **sha1-contexts** (make-hash-table :test 'eq :weakness :key :synchronized t))

(defun %context-bytes (ctx)
  (let ((key (if (rt-ptr-p ctx) (rt-ptr-base ctx) ctx)))
    (or (gethash key **sha1-contexts**)
        (setf (gethash key **sha1-contexts**)
              (make-array 0 :element-type '(unsigned-byte 8) :adjustable t :fill-pointer 0)))))

(rt-define-external "sha1_init_ctx" (ctx)
  (setf (fill-pointer (%context-bytes ctx)) 0)
  nil)

(rt-define-external "sha1_process_bytes" (buffer length ctx)
  (let ((acc (%context-bytes ctx)))
    (multiple-value-bind (v off) (%load-octets buffer length "sha1_process_bytes")
      (loop for i from off below (+ off length) do (vector-push-extend (aref v i) acc))))
  nil)

(rt-define-external "sha1_finish_ctx" (ctx resblock)
  (let ((acc (%context-bytes ctx)))
    (%store-octets resblock (%digest :sha1 (coerce acc 'octets)) :who "sha1_finish_ctx")
    (setf (fill-pointer acc) 0)
    resblock))
