;; The Emacs releases emacs2cl can fetch: Debian source packages, version pinned.
;; (release UPSTREAM :debian VERSION :suite SUITE)  -- the suite whose deb-src line carries it.
;; For 30.x the mirror answers 404 for the .dsc while the upstream tarball downloads, so every
;; release is unpacked from its upstream (orig) tarball; Debian's packaging patches are not applied.
(release "28.2" :debian "1:28.2+1-15+deb12u4" :suite "bookworm")
(release "30.1" :debian "1:30.1+1-6+deb13u1" :suite "trixie")
(release "30.2" :debian "1:30.2+1-11" :suite "sid")
