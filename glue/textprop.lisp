;;;; Fronts of textprop.c's property lookups at a position: Fconstrain_to_field asks four times per
;;;; word that forward-word moves over.  In the current buffer, with no overlay (for the first)
;;;; or no text property (for the second) to find, the answer needs none of the translated
;;;; machinery: each SAFE_ALLOCA, overlays_at, sort_overlays and validate_interval_range's loads
;;;; through `&position'.  Anything else is textprop.c's own.

(in-package "EMACS2CL-GLUE")

(declaim (inline current-buffer-at))
(defun current-buffer-at (position object)
  "The current buffer if OBJECT is NIL or that buffer and POSITION a fixnum within its accessible
part; else NIL."
  (let ((buffer (c::|Fcurrent_buffer|)))
    (and (typep position 'fixnum)
         (or (null object) (eq object buffer))
         (<= (c::|BUF_BEGV| buffer) position (c::|BUF_ZV| buffer))
         buffer)))

(defun get-char-property-and-overlay (position prop object overlay)
  "get_char_property_and_overlay (the rules put this before it): in the current buffer without
overlays, the text property PROP at POSITION, with *OVERLAY (unless NULL) set to nil, as
textprop.c finds them (the overlays it gathers are none); anything else is textprop.c's."
  (let ((buffer (current-buffer-at position object)))
    (if (and buffer (zerop (c::|buffer_has_overlays|)))
        (progn (when overlay (setf (rt-mem overlay :lisp) nil))
               (c::|Fget_text_property| position prop buffer))
        (c::|get_char_property_and_overlay| position prop object overlay))))

(rt-implement 'rt-get-char-property-and-overlay #'get-char-property-and-overlay)

(defun text-properties-at (position object)
  "Ftext_properties_at (the rules put this before its direct calls): nil at POSITION in the
current buffer when it has no intervals, as validate_interval_range finds (no interval);
anything else is textprop.c's."
  (let ((buffer (current-buffer-at position object)))
    (if (and buffer (null (c::|buffer_intervals| buffer)))
        nil
        (c::|Ftext_properties_at| position object))))

(rt-implement 'rt-text-properties-at #'text-properties-at)
