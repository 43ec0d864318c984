;;;; The C library for batch Emacs, part 10: sockets and name lookup.
;;;
;;; glibc's own functions.  A socket address is the bytes glibc reads or writes, copied from or to
;;; whatever the pointer designates (a struct sockaddr_in, a union u_sockaddr, a raw block), at
;;; the length the caller gives.  A socket address glibc makes (getaddrinfo's) is the
;;; translation's struct for its family -- struct sockaddr_in, sockaddr_in6, sockaddr_un, else
;;; struct sockaddr -- holding glibc's bytes; C code that lays one of these structs over another
;;; (struct sockaddr as sockaddr_in) reads and writes such addresses as bytes (RT-SOCKADDR-BYTES,
;;; RT-STORE-SOCKADDR).

(in-package "EMACS2CL-RUNTIME")

(defconstant +af-local+ 1)
(defconstant +af-inet+ 2)
(defconstant +af-inet6+ 10)

(defun %sockaddr-type (family)
  "The translation's struct type that holds a socket address of FAMILY, or NIL if the translation
has none (its C uses no such struct)."
  (let ((cname (case family
                 (#.+af-inet+ "struct sockaddr_in")
                 (#.+af-inet6+ "struct sockaddr_in6")
                 (#.+af-local+ "struct sockaddr_un")
                 (t "struct sockaddr"))))
    (handler-case (%c-type cname) (rt-c-error () nil))))

(defun rt-sockaddr-bytes (p len)
  "The LEN bytes of the socket address at pointer P (a fresh octet vector)."
  (multiple-value-bind (v off) (%load-octets p len "socket address")
    (subseq v off (+ off len))))

(defun rt-store-sockaddr (p bytes)
  "Store the socket address BYTES (its family in the first two) at pointer P; memory not yet
used (a fresh raw block) becomes the translation's struct for that family."
  (let ((type (%sockaddr-type (if (>= (length bytes) 2) (%octets-load bytes 0 :u16) 0))))
    (when (and type (rt-ptr-p p) (%raw-block-p (rt-ptr-base p))
               (null (%raw-block-data (rt-ptr-base p))))
      (rt-obj p type))
    (%store-octets p bytes :who "socket address")))

(defun %new-sockaddr (sap len)
  "A fresh instance of the translation's struct for the family of the LEN-byte socket address at
SAP (C memory), holding its bytes; the bytes themselves if the translation has no such struct."
  (let* ((bytes (let ((v (make-array len :element-type '(unsigned-byte 8))))
                  (dotimes (i len v) (setf (aref v i) (sb-sys:sap-ref-8 sap i)))))
         (type (%sockaddr-type (if (>= len 2) (%octets-load bytes 0 :u16) 0))))
    (if type
        (let ((object (rt-new (list :struct type))))
          (%store-octets object bytes :end (min len (%object-size object)) :who "socket address")
          object)
        bytes)))

(defun %sockaddr-arg (p)
  "The pointer a socket address argument passes: glibc's headers declare these parameters as
transparent unions of pointer types (__SOCKADDR_ARG), which the translation passes as the union."
  (if (%c-union-p p) (rt-mem p :ptr) p))

(defmacro %with-sockaddr ((sap p len) &body body)
  "Bind SAP to a pinned copy of the LEN-byte socket address at P (a null SAP for NULL)."
  (let ((b (gensym "B")) (a (gensym "A")))
    `(let* ((,a (and ,p (%sockaddr-arg ,p)))
            (,b (and ,a (rt-sockaddr-bytes ,a ,len))))
       (sb-sys:with-pinned-objects (,b)
         (let ((,sap (if ,b (sb-sys:vector-sap ,b) (%null-sap))))
           ,@body)))))

(defun %call-with-sockaddr-out (p lenp function)
  ;; socklen_t *LENP holds the room at P; the call stores the address's length there.
  (let* ((p (and p (%sockaddr-arg p)))
         (room (if lenp (rt-mem lenp :u32) 0))
         (buf (make-array (max room 1) :element-type '(unsigned-byte 8) :initial-element 0))
         (len (make-array 4 :element-type '(unsigned-byte 8) :initial-element 0)))
    (%octets-store len 0 :u32 room)
    (let ((r (sb-sys:with-pinned-objects (buf len)
               (funcall function (if p (sb-sys:vector-sap buf) (%null-sap))
                        (if lenp (sb-sys:vector-sap len) (%null-sap))))))
      (when (and (>= r 0) lenp)
        (let ((n (%octets-load len 0 :u32)))
          (when p (%store-octets p buf :end (min n room) :who "socket address"))
          (setf (rt-mem lenp :u32) n)))
      r)))

(defmacro %with-sockaddr-out ((sap lensap p lenp) &body body)
  "Bind SAP and LENSAP to buffers for a socket address and its length that BODY (a C call) fills,
sized by what socklen_t *LENP says; if BODY's value is not negative, copy them to P and LENP."
  `(%call-with-sockaddr-out ,p ,lenp (lambda (,sap ,lensap) ,@body)))

;;; ------------------------------------------------------------------------------------------
;;; Sockets.

(rt-define-external "socket" (domain type protocol)
  (%c-syscall "socket" sb-alien:int (sb-alien:int domain) (sb-alien:int type) (sb-alien:int protocol)))

(macrolet ((def (name)
             `(rt-define-external ,name (fd addr len)
                (%with-sockaddr (a addr len)
                  (%c-syscall ,name sb-alien:int (sb-alien:int fd) (%sap-arg a)
                              (sb-alien:unsigned-int len))))))
  (def "bind")
  (def "connect"))

(rt-define-external "listen" (fd backlog)
  (%c-syscall "listen" sb-alien:int (sb-alien:int fd) (sb-alien:int backlog)))

(rt-define-external "shutdown" (fd how)
  (%c-syscall "shutdown" sb-alien:int (sb-alien:int fd) (sb-alien:int how)))

(rt-define-external "accept4" (fd addr lenp flags)
  (%with-sockaddr-out (a l addr lenp)
    (%c-syscall "accept4" sb-alien:int (sb-alien:int fd) (%sap-arg a) (%sap-arg l)
                (sb-alien:int flags))))

(macrolet ((def (name)
             `(rt-define-external ,name (fd addr lenp)
                (%with-sockaddr-out (a l addr lenp)
                  (%c-syscall ,name sb-alien:int (sb-alien:int fd) (%sap-arg a) (%sap-arg l))))))
  (def "getsockname")
  (def "getpeername"))

(rt-define-external "setsockopt" (fd level name value len)
  (%with-sockaddr (v value len)
    (%c-syscall "setsockopt" sb-alien:int (sb-alien:int fd) (sb-alien:int level) (sb-alien:int name)
                (%sap-arg v) (sb-alien:unsigned-int len))))

(rt-define-external "getsockopt" (fd level name value lenp)
  (%with-sockaddr-out (v l value lenp)
    (%c-syscall "getsockopt" sb-alien:int (sb-alien:int fd) (sb-alien:int level) (sb-alien:int name)
                (%sap-arg v) (%sap-arg l))))

(rt-define-external "recvfrom" (fd buf n flags addr lenp)
  (%with-output-buffer (b buf n "recvfrom")
    (%with-sockaddr-out (a l addr lenp)
      (%c-syscall "recvfrom" sb-alien:long (sb-alien:int fd) (%sap-arg b) (sb-alien:unsigned-long n)
                  (sb-alien:int flags) (%sap-arg a) (%sap-arg l)))))

(rt-define-external "sendto" (fd buf n flags addr len)
  (multiple-value-bind (v off) (%load-octets buf n "sendto")
    (sb-sys:with-pinned-objects (v)
      (%with-sockaddr (a addr len)
        (%c-syscall "sendto" sb-alien:long (sb-alien:int fd) (%sap-arg (sb-sys:sap+ (sb-sys:vector-sap v) off))
                    (sb-alien:unsigned-long n) (sb-alien:int flags) (%sap-arg a)
                    (sb-alien:unsigned-int len))))))

;;; ------------------------------------------------------------------------------------------
;;; Name lookup: glibc's results copied into the translation's structs (never freed: SBCL
;;; collects them; freeaddrinfo does nothing).

(defun %addrinfo-list (sap)
  "The translation's struct addrinfo chain holding a copy of glibc's at SAP (NIL for NULL)."
  (unless (%null-sap-p sap)
    (let ((len (sb-sys:sap-ref-32 sap 16)) (addr (sb-sys:sap-ref-sap sap 24)))
      (%fill-fields (%new-c-struct "struct addrinfo")
                    `((0 :s32 ,(sb-sys:signed-sap-ref-32 sap 0))
                      (4 :s32 ,(sb-sys:signed-sap-ref-32 sap 4))
                      (8 :s32 ,(sb-sys:signed-sap-ref-32 sap 8))
                      (12 :s32 ,(sb-sys:signed-sap-ref-32 sap 12))
                      (16 :u32 ,len)
                      (24 :ptr ,(and (not (%null-sap-p addr)) (%new-sockaddr addr len)))
                      (32 :ptr ,(%sap-c-string (sb-sys:sap-ref-sap sap 32)))
                      (40 :ptr ,(%addrinfo-list (sb-sys:sap-ref-sap sap 40))))))))

(defun %getaddrinfo (node service hints)
  "glibc's getaddrinfo: its error code and the result as the translation's structs."
  (let ((h (make-array 48 :element-type '(unsigned-byte 8) :initial-element 0))
        (res (make-array 8 :element-type '(unsigned-byte 8) :initial-element 0)))
    (when hints
      (loop for off in '(0 4 8 12) do (%octets-store h off :s32 (%ref hints off :s32))))
    (%with-c-strings ((n node "getaddrinfo") (s service "getaddrinfo"))
      (sb-sys:with-pinned-objects (h res)
        (let ((e (%c-call "getaddrinfo" sb-alien:int (%sap-arg n) (%sap-arg s)
                          (%sap-arg (if hints (sb-sys:vector-sap h) (%null-sap)))
                          (%sap-arg (sb-sys:vector-sap res)))))
          (when (= e -11) (%set-errno (sb-alien:get-errno)))          ; EAI_SYSTEM
          (if (zerop e)
              (let ((list (sb-sys:sap-ref-sap (sb-sys:vector-sap res) 0)))
                (multiple-value-prog1 (values 0 (%addrinfo-list list))
                  (%c-call "freeaddrinfo" sb-alien:void (%sap-arg list))))
              (values e nil)))))))

(rt-define-external "getaddrinfo" (node service hints res)
  (multiple-value-bind (e list) (%getaddrinfo node service hints)
    (when (zerop e) (setf (rt-mem res :ptr) list))
    e))

(rt-define-external "freeaddrinfo" (res) (declare (ignore res)) nil)

(rt-define-external "gai_strerror" (code)
  (%sap-c-string (%c-call "gai_strerror" sb-sys:system-area-pointer (sb-alien:int code))))

;;; getaddrinfo_a: each request is looked up when it is made (a schedule asynchronous lookup
;;; allows), so that gai_error finds it done.  struct gaicb: ar_name, ar_service, ar_request,
;;; ar_result, then glibc's __return.

(rt-define-external "getaddrinfo_a" (mode list n sevp)
  (declare (ignore mode sevp))
  (dotimes (i n 0)
    (let ((req (rt-mem (rt-ptr+ list (* 8 i)) :ptr)))
      (multiple-value-bind (e result)
          (%getaddrinfo (%ref req 0 :ptr) (%ref req 8 :ptr) (%ref req 16 :ptr))
        (setf (%ref req 24 :ptr) result
              (%ref req 32 :s32) e)))))

(rt-define-external "gai_error" (req) (%ref req 32 :s32))
(rt-define-external "gai_suspend" (list n timeout) (declare (ignore list n timeout)) 0)
(rt-define-external "gai_cancel" (req) (declare (ignore req)) -103)   ; EAI_ALLDONE

(rt-define-external "getservbyname" (name proto)
  (%with-c-strings ((n name "getservbyname") (p proto "getservbyname"))
    (let ((sap (%c-call "getservbyname" sb-sys:system-area-pointer (%sap-arg n) (%sap-arg p))))
      (unless (%null-sap-p sap)
        (%fill-fields (%new-c-struct "struct servent")
                      `((0 :ptr ,(%sap-c-string (sb-sys:sap-ref-sap sap 0)))
                        (16 :s32 ,(sb-sys:signed-sap-ref-32 sap 16))
                        (24 :ptr ,(%sap-c-string (sb-sys:sap-ref-sap sap 24)))))))))

(defun rt-interface-addresses ()
  "getifaddrs: for each address of each network interface, in glibc's order, a list (NAME
ADDRESS NETMASK) -- the interface's name (octets) and the socket addresses' bytes (16 for
IPv4, 28 for IPv6, 16 for another family; NETMASK NIL if glibc gives none); NIL if getifaddrs
fails."
  (let ((res (make-array 8 :element-type '(unsigned-byte 8) :initial-element 0)))
    (when (zerop (sb-sys:with-pinned-objects (res)
                   (%c-call "getifaddrs" sb-alien:int (%sap-arg (sb-sys:vector-sap res)))))
      (let ((list (sb-sys:sap-ref-sap (sb-sys:vector-sap res) 0)))
        (flet ((address (sap)
                 (and (not (%null-sap-p sap))
                      (let ((v (make-array (case (sb-sys:sap-ref-16 sap 0)
                                             (#.+af-inet6+ 28) (t 16))
                                           :element-type '(unsigned-byte 8))))
                        (dotimes (i (length v) v) (setf (aref v i) (sb-sys:sap-ref-8 sap i)))))))
          (prog1 (loop for it = list then (sb-sys:sap-ref-sap it 0)
                       until (%null-sap-p it)
                       unless (%null-sap-p (sb-sys:sap-ref-sap it 24))
                         collect (list (%sap-string-octets (sb-sys:sap-ref-sap it 8))
                                       (address (sb-sys:sap-ref-sap it 24))
                                       (address (sb-sys:sap-ref-sap it 32))))
            (%c-call "freeifaddrs" sb-alien:void (%sap-arg list))))))))
