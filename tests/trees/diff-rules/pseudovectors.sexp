;; None for the synthetic pair.
