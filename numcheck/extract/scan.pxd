# Types for the compiled build of scan.py (Cython reads this file beside scan.py; the source
# itself stays plain Python).  Only _scan_chars is typed: with these declarations its loop
# over the characters is C (see the comment above COMPILED in scan.py).
import cython

@cython.locals(n=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t, start=Py_ssize_t, last_digit_end=Py_ssize_t,
               ch=Py_UCS4, c=Py_UCS4, ascii_only=bint, sign=bint, h=cython.ulonglong, mask=cython.ulonglong)
cpdef list _scan_chars(unicode text)
