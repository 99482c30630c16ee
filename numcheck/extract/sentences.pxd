# Types for the compiled build of sentences.py (Cython reads this file beside sentences.py; the
# source itself stays plain Python).  Only _end_marks is typed: with these declarations its
# loop over the characters is C (see the comment above COMPILED there).
import cython

@cython.locals(i=Py_ssize_t, q=Py_ssize_t, r=Py_ssize_t, s=Py_ssize_t, c=Py_UCS4)
cpdef list _end_marks(unicode text, Py_ssize_t a, Py_ssize_t b)
