# Exact size of two-arm binary tests by enumeration (SciPy 1.17): sum of binom.pmf products over the rejection region.
import numpy as np
from scipy.stats import binom, chi2, fisher_exact
def chisq_p(x1,n1,x2,n2,yates=False):
    N=n1+n2; s=x1+x2; f=N-s
    if s==0 or f==0: return 1.0  # undefined: not rejected
    a,b,c,d=x1,n1-x1,x2,n2-x2
    num=abs(a*d-b*c)
    if yates: num=max(0,num-N/2)
    stat=N*num**2/(n1*n2*s*f)
    return chi2.sf(stat,1)
def size(n1,n2,p,test,alpha=0.05):
    tot=0.0
    for x1 in range(n1+1):
        for x2 in range(n2+1):
            if test=='chi': pv=chisq_p(x1,n1,x2,n2)
            elif test=='yates': pv=chisq_p(x1,n1,x2,n2,True)
            else: pv=fisher_exact([[x1,n1-x1],[x2,n2-x2]])[1]
            if pv<=alpha: tot+=binom.pmf(x1,n1,p)*binom.pmf(x2,n2,p)
    return tot
for args in [(8,8,0.5,'chi'),(20,20,0.2,'chi'),(100,100,0.2,'chi'),(20,20,0.2,'fisher'),(30,30,0.3,'yates')]:
    print(args, repr(size(*args)))
