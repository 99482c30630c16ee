# Types for the compiled build of words.py (Cython reads this file beside words.py; the source
# itself stays plain Python).  Only _tokenize_chars and the test it calls are typed: with these
# declarations its loop over the characters is C (see the comment above COMPILED in words.py).
import cython

cdef bint _is_letter(Py_UCS4 c)

@cython.locals(n=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t, k=Py_ssize_t, last=Py_ssize_t, c=Py_UCS4, upper=bint)
cpdef list _tokenize_chars(unicode text, Py_ssize_t offset=*)
