# Types for the compiled build of corrections.py (Cython reads this file beside corrections.py;
# the source itself stays plain Python).  Only _has_phone_hint is typed: with these
# declarations its loop over the characters is C (see the comment above COMPILED there).
import cython

@cython.locals(n=Py_ssize_t, i=Py_ssize_t, c=Py_UCS4, d=Py_UCS4)
cpdef bint _has_phone_hint(unicode text, Py_ssize_t start, Py_ssize_t stop)
