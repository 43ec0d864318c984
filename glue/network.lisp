;;;; Socket addresses: process.c's functions that lay struct sockaddr_in, sockaddr_in6 and
;;;; sockaddr_un over struct sockaddr (DECLARE_POINTER_ALIAS), which the data model does not alias
;;;; (a pointer designates an instance of one struct type).  The rules replace them; here they
;;;; work on the address's bytes, as glibc lays them out (cl-runtime/libc-net.lisp).

(in-package "EMACS2CL-GLUE")

(defconstant +af-local+ 1)
(defconstant +af-inet+ 2)
(defconstant +af-inet6+ 10)

(defun u16-le (bytes offset) (logior (aref bytes offset) (ash (aref bytes (1+ offset)) 8)))
(defun u16-be (bytes offset) (logior (ash (aref bytes offset) 8) (aref bytes (1+ offset))))

(defun unibyte-string (bytes)
  (rt-make-unibyte-string (rt-make-ptr (coerce bytes '(simple-array (unsigned-byte 8) (*))) 0)
                          (length bytes)))

(defun sockaddr-to-lisp (bytes)
  "conv_sockaddr_to_lisp on the socket address BYTES: [A B C D PORT] for IPv4, a vector of
eight 16-bit groups and the port for IPv6, the file name (a unibyte string) of a local socket,
(FAMILY . [BYTE ...]) for another family; an empty string if there is no family."
  (let ((len (length bytes)))
    (if (< len 2)
        (rt-box-value c::|empty_unibyte_string|)
        (let ((family (u16-le bytes 0)))
          (cond ((= family +af-inet+)
                 (vector (aref bytes 4) (aref bytes 5) (aref bytes 6) (aref bytes 7)
                         (u16-be bytes 2)))
                ((= family +af-inet6+)
                 (concatenate 'simple-vector
                              (loop for i below 8 collect (u16-be bytes (+ 8 (* 2 i))))
                              (list (u16-be bytes 2))))
                ((= family +af-local+)
                 ;; A name starting with NUL is a Linux abstract name: all its bytes.
                 (let ((end (if (and (> len 2) (/= (aref bytes 2) 0))
                                (or (position 0 bytes :start 2) len)
                                len)))
                   (unibyte-string (subseq bytes 2 end))))
                (t (cons family (coerce (subseq bytes 2) 'simple-vector))))))))

(defun conv-sockaddr-to-lisp (sa len)
  "conv_sockaddr_to_lisp (process.c): the Lisp form of the LEN-byte socket address at SA."
  (sockaddr-to-lisp (if (< len 2) #() (rt-sockaddr-bytes sa len))))

(rt-implement 'rt-conv-sockaddr-to-lisp #'conv-sockaddr-to-lisp)

(defun conv-lisp-to-sockaddr (family address sa len)
  "conv_lisp_to_sockaddr (process.c): store the LEN-byte socket address of FAMILY that ADDRESS
(as get_lisp_to_sockaddr_size validated it) says at SA; all zeros when FAMILY does not fit
ADDRESS.  (FAMILY . [BYTE ...]) sets the bytes after the family, and leaves the family 0."
  (let ((bytes (make-array len :element-type '(unsigned-byte 8) :initial-element 0)))
    (flet ((family () (setf (aref bytes 0) (ldb (byte 8 0) family)
                            (aref bytes 1) (ldb (byte 8 8) family)))
           (port (n) (setf (aref bytes 2) (ldb (byte 8 8) n) (aref bytes 3) (ldb (byte 8 0) n))))
      (cond ((vectorp address)
             (cond ((= family +af-inet+)
                    (family)
                    (port (svref address 4))
                    (dotimes (i 4)
                      (when (integerp (svref address i))
                        (setf (aref bytes (+ 4 i)) (ldb (byte 8 0) (svref address i))))))
                   ((= family +af-inet6+)
                    (family)
                    (port (svref address 8))
                    (dotimes (i 8)
                      (let ((group (svref address i)))
                        (when (integerp group)
                          (setf (aref bytes (+ 8 (* 2 i))) (ldb (byte 8 8) group)
                                (aref bytes (+ 9 (* 2 i))) (ldb (byte 8 0) group))))))))
            ((rt-lisp-string-p address)
             (when (= family +af-local+)
               (family)
               (let ((name (rt-c-string-octets (c::|SSDATA| address))))
                 (replace bytes name :start1 2 :end2 (min (length name) 108)))))
            (t
             (let ((v (cdr address)))
               (loop for i from 0 below (min (- len 2) (length v))
                     when (integerp (svref v i))
                       do (setf (aref bytes (+ 2 i)) (ldb (byte 8 0) (svref v i))))))))
    (rt-store-sockaddr sa bytes)
    nil))

(rt-implement 'rt-conv-lisp-to-sockaddr #'conv-lisp-to-sockaddr)

(defun network-interface-list (full match)
  "network_interface_list (process.c): ((NAME . ADDRESS) ...) for each IPv4 and IPv6 address of
each interface (of family MATCH unless 0), or with FULL ((NAME ADDRESS BROADCAST NETMASK) ...),
the broadcast address computed from the address and the netmask; last interface first."
  (let ((result '()))
    (loop for (name address netmask) in (rt-interface-addresses)
          for family = (u16-le address 0)
          for mask = (or netmask (make-array (length address) :element-type '(unsigned-byte 8)
                                                              :initial-element 0))
          when (and (member family (list +af-inet+ +af-inet6+)) (or (zerop match) (= family match)))
            do (let ((lisp-address (sockaddr-to-lisp address)))
                 (push (cons (c::|build_string| (rt-make-ptr (octets-concatenate name #(0)) 0))
                             (if (/= full 0)
                                 ;; The address part of the struct: bytes 4-7 (IPv4), 8-23 (IPv6).
                                 (let ((broadcast (copy-seq mask)))
                                   (loop for i from (if (= family +af-inet+) 4 8)
                                           below (if (= family +af-inet+) 8 24)
                                         do (setf (aref broadcast i)
                                                  (logior (logand (aref address i) (aref mask i))
                                                          (logandc2 #xff (aref mask i)))))
                                   (list lisp-address (sockaddr-to-lisp broadcast)
                                         (sockaddr-to-lisp mask)))
                                 lisp-address))
                       result)))
    result))

(rt-implement 'rt-network-interface-list #'network-interface-list)
