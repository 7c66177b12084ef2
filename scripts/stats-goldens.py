#!/usr/bin/env python3
"""Reference values for core/stats, computed independently of it: mpmath at 50 significant digits
(closed forms and mpmath's own incomplete gamma / beta functions and root finder), cross-checked
with scipy 1.17 where scipy has the same statistic. Writes tests/fixtures/stats-goldens.json, which
tests/core/stats/goldens.spec.ts compares with core/stats to 1e-9 relative.
Run: python3 scripts/stats-goldens.py [out.json]   (mpmath 1.3 and scipy 1.17 were used)

Every input is the exact double the TypeScript test passes (mpf(float) is exact), so the golden is
the true value of the statistic for that input, rounded once to a double at the end.
"""
import json
import sys

import mpmath as mp
from scipy import stats as st

mp.mp.dps = 50
OUT = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/stats-goldens.json"


def f(x):
    """A 50-digit value as the nearest double (JSON keeps a double's 17 digits)."""
    return float(x)


def phi(x):
    return mp.ncdf(x)


def phi_inv(p):
    return -mp.sqrt(2) * mp.erfinv(1 - 2 * mp.mpf(p))


def z_two_sided(z):
    return mp.erfc(abs(mp.mpf(z)) / mp.sqrt(2))


def chi2_upper(x, df):
    return mp.gammainc(mp.mpf(df) / 2, mp.mpf(x) / 2, mp.inf, regularized=True)


def t_two_sided(t, df):
    t, df = mp.mpf(t), mp.mpf(df)
    return mp.betainc(df / 2, mp.mpf(1) / 2, 0, df / (df + t * t), regularized=True)


def t_lower(t, df):
    p = t_two_sided(t, df) / 2
    return p if t <= 0 else 1 - p


def t_quantile(p, df):
    """Lower-tail t quantile by mpmath's root finder on the 50-digit cdf."""
    p = mp.mpf(p)
    guess = phi_inv(p)
    return mp.findroot(lambda x: t_lower(x, df) - p, guess, tol=mp.mpf(10) ** -40)


def close(a, b, rel=1e-12):
    assert abs(a - b) <= rel * abs(b) + 1e-300, (a, b)


# ---- distributions ---------------------------------------------------------------------------
normal_two_sided = []
for z in [0.0, 0.3, 1.0, 1.959963984540054, 2.5, -3.2, 4.0, 5.5, 6.0, 7.0, 7.13]:
    p = z_two_sided(z)
    close(float(p), min(1.0, 2 * st.norm.sf(abs(z))), 1e-13)
    normal_two_sided.append({"z": z, "p": f(p)})

normal_quantile = []
for p in [0.5, 0.6, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995, 0.9995, 1e-3, 1e-8, 1e-12, 0.2]:
    q = phi_inv(p)
    close(float(q), st.norm.ppf(p), 1e-12) if p != 0.5 else None
    normal_quantile.append({"p": p, "q": f(q)})

chi_square_upper = []
for df, xs in [
    (1, [0.0001, 0.5, 1.0, 3.377872340425532, 10.827566170662733, 21.07271652379545, 30.0, 45.0, 50.5]),
    (2, [0.1, 2.0, 5.991464547107979, 13.8, 40.0, 55.0]),
    (3, [0.2, 3.0, 7.814727903251178, 20.0, 40.0, 58.0]),
    (4, [1.0, 9.487729036781154, 30.0, 61.0]),
    (5, [0.5, 11.0705, 25.0, 64.0]),
    (10, [2.0, 10.0, 18.307038053275146, 40.0, 80.0]),
]:
    for x in xs:
        p = chi2_upper(x, df)
        close(float(p), st.chi2.sf(x, df), 1e-11)
        chi_square_upper.append({"x": x, "df": df, "p": f(p)})

t_two = []
for df, ts in [
    (7.196661596667393, [0.1, 2.2562235072680923, 5.0, 12.0, 60.0]),
    (2.5, [0.7, 3.0, 30.0, 600.0]),
    (15.3, [1.0, 2.13, 6.0, 14.0, 20.0]),
    (100.7, [0.5, 1.98, 4.0, 9.0, 10.5]),
    (1234.56, [1.96, 5.0, 7.1]),
    (1.0, [1.0, 12.7062047361747, 1e6]),
]:
    for t in ts:
        p = t_two_sided(t, df)
        close(float(p), 2 * st.t.sf(abs(t), df), 1e-9)
        t_two.append({"t": t, "df": df, "p": f(p)})

t_quant = []
for p, df in [(0.025, 7.196661596667393), (0.025, 2.5), (0.005, 15.3), (0.05, 100.7), (0.025, 1.0), (0.025, 4000.5), (0.0005, 3.3)]:
    q = t_quantile(p, df)
    close(float(q), st.t.ppf(p, df), 1e-9)
    t_quant.append({"p": p, "df": df, "q": f(q)})


# ---- two proportions ---------------------------------------------------------------------------
def wilson(x, n, z):
    x, n = mp.mpf(x), mp.mpf(n)
    p = x / n
    d = 1 + z * z / n
    c = p + z * z / (2 * n)
    h = z * mp.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (c - h) / d, (c + h) / d


def two_proportion(c, cn, t, tn, alpha):
    """Treatment − control; pooled z; Newcombe (1998) method 10 and Wald at 1 − alpha."""
    p1, p2 = mp.mpf(c) / cn, mp.mpf(t) / tn
    d = p2 - p1
    pooled = mp.mpf(c + t) / (cn + tn)
    se0 = mp.sqrt(pooled * (1 - pooled) * (mp.mpf(1) / cn + mp.mpf(1) / tn))
    z = d / se0 if se0 != 0 else mp.mpf(0)
    p = z_two_sided(z) if se0 != 0 else mp.mpf(1)
    zc = phi_inv(1 - mp.mpf(alpha) / 2)
    sew = mp.sqrt(p1 * (1 - p1) / cn + p2 * (1 - p2) / tn)
    l1, u1 = wilson(c, cn, zc)
    l2, u2 = wilson(t, tn, zc)
    return {
        "control": [c, cn], "treatment": [t, tn], "alpha": alpha,
        "diff": f(d), "relativeDiff": f(d / p1) if c > 0 else None, "pooled": f(pooled), "z": f(z), "p": f(p),
        "newcombe": [f(d - mp.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)), f(d + mp.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2))],
        "wald": [f(d - zc * sew), f(d + zc * sew)],
    }


two_prop = [
    two_proportion(12, 99, 5, 83, 0.05),  # statsmodels' order [5, 12] / [83, 99]: its first arm is our treatment
    two_proportion(200, 2000, 250, 2000, 0.05),
    two_proportion(393, 556, 486, 619, 0.05),
    two_proportion(592, 1825, 534, 1558, 0.05),
    two_proportion(48, 80, 56, 70, 0.05),  # Newcombe 1998 Table II example (a)
    two_proportion(48, 80, 56, 70, 0.01),
    two_proportion(3, 10, 9, 10, 0.05),  # Newcombe example (b)
    two_proportion(0, 29, 5, 56, 0.05),  # Newcombe example (d), control with no events
    two_proportion(1000, 100000, 1500, 100000, 0.05),  # p ≈ 1e-24
    two_proportion(5000, 50000, 5310, 50000, 0.1),  # p ≈ 1e-3
    two_proportion(10000, 100000, 10680, 100000, 0.05),  # p ≈ 4e-7
    two_proportion(20000, 200000, 21400, 200000, 0.05),  # p ≈ 1e-12
    two_proportion(1, 3, 2, 3, 0.2),
]
for case in two_prop:
    c, cn = case["control"]
    t, tn = case["treatment"]
    pooled = (c + t) / (cn + tn)
    if 0 < pooled < 1:
        # scipy's chi-squared test of the 2×2 table without continuity correction is z² of the pooled test.
        chi2 = st.chi2_contingency([[t, tn - t], [c, cn - c]], correction=False)[0]
        close(case["z"] ** 2, chi2, 1e-9)


# ---- sample-ratio check ------------------------------------------------------------------------
def srm(observed, ratios):
    total = sum(observed)
    exp = [mp.mpf(r) * total for r in ratios]
    chi = sum((mp.mpf(o) - e) ** 2 / e for o, e in zip(observed, exp))
    df = len(observed) - 1
    p = chi2_upper(chi, df)
    close(float(p), st.chisquare(observed, [float(e) for e in exp]).pvalue, 1e-9)
    return {"observed": observed, "ratios": ratios, "chiSquare": f(chi), "df": df, "p": f(p)}


srms = [
    srm([5050, 4950], [0.5, 0.5]),
    srm([556, 619], [0.5, 0.5]),
    srm([1825, 1558], [0.5, 0.5]),
    srm([50000, 51500], [0.5, 0.5]),
    srm([100000, 103500], [0.5, 0.5]),  # p ≈ 1e-14
    srm([9100, 900], [0.9, 0.1]),
    srm([3000, 3100, 2900], [0.3333333333333333, 0.3333333333333333, 0.33333333333333337]),
    srm([4000, 3000, 2100, 900], [0.4, 0.3, 0.2, 0.1]),
    srm([4200, 2950, 1900, 950], [0.4, 0.3, 0.2, 0.1]),
]


# ---- Welch -------------------------------------------------------------------------------------
def welch(a, b, alpha):
    """Control a, treatment b; mean and n − 1 variance computed exactly from the doubles."""
    def summary(xs):
        xs = [mp.mpf(x) for x in xs]
        n = len(xs)
        m = mp.fsum(xs) / n
        v = mp.fsum((x - m) ** 2 for x in xs) / (n - 1)
        return n, m, v
    na, ma, va = summary(a)
    nb, mb, vb = summary(b)
    sa, sb = va / na, vb / nb
    se = mp.sqrt(sa + sb)
    t = (mb - ma) / se
    df = (sa + sb) ** 2 / (sa ** 2 / (na - 1) + sb ** 2 / (nb - 1))
    p = t_two_sided(t, df)
    q = -t_quantile(mp.mpf(alpha) / 2, df)
    r = st.ttest_ind(b, a, equal_var=False)
    close(float(t), r.statistic, 1e-9)  # scipy sums in doubles: large means cost it a few digits
    close(float(p), r.pvalue, 1e-9)
    return {
        "control": a, "treatment": b, "alpha": alpha,
        "meanControl": f(ma), "meanTreatment": f(mb), "varControl": f(va), "varTreatment": f(vb),
        "t": f(t), "df": f(df), "p": f(p), "ci": [f(mb - ma - q * se), f(mb - ma + q * se)],
    }


welchs = [
    welch([1, 2, 3, 4, 5.5], [2, 4, 6, 8, 10, 12.5], 0.05),
    welch([12.5, 0, 0, 33.1, 7.25, 0, 18.0, 2.2], [0, 41.0, 19.9, 0, 0, 27.5, 55.2, 3.3, 12.0], 0.05),
    welch([1000001.1, 1000002.3, 1000000.7, 1000003.9], [1000005.2, 1000006.1, 1000004.4, 1000007.0, 1000005.5], 0.05),
    welch([0.1 * i for i in range(40)], [0.1 * i + 2.5 for i in range(35)], 0.01),  # p ≈ 1e-7
    welch([float(i % 7) for i in range(300)], [float(i % 7) + 1.4 for i in range(280)], 0.05),  # p far below 1e-12
]


# ---- sample size -------------------------------------------------------------------------------
def sample_size(baseline, mde, mde_type, alpha, power, share):
    p1 = mp.mpf(baseline)
    p2 = p1 + (p1 * mp.mpf(mde) if mde_type == "relative" else mp.mpf(mde))
    k2 = mp.mpf(share)
    k1 = 1 - k2
    pbar = k1 * p1 + k2 * p2
    za, zb = phi_inv(1 - mp.mpf(alpha) / 2), phi_inv(mp.mpf(power))
    n = (za * mp.sqrt(pbar * (1 - pbar) * (1 / k1 + 1 / k2)) + zb * mp.sqrt(p1 * (1 - p1) / k1 + p2 * (1 - p2) / k2)) ** 2 / (p2 - p1) ** 2
    return {
        "baseline": baseline, "mde": mde, "mdeType": mde_type, "alpha": alpha, "power": power, "treatmentShare": share,
        "exactTotal": f(n), "control": int(mp.ceil(k1 * n)), "treatment": int(mp.ceil(k2 * n)),
    }


def power_prop_test_n(p1, p2, alpha, power):
    """R's power.prop.test(p1, p2, sig.level, power) per-group n, by solving its power equation."""
    za = mp.mpf(st.norm.ppf(1 - alpha / 2))
    def pw(n):
        return phi((mp.sqrt(n) * abs(p2 - p1) - za * mp.sqrt((p1 + p2) * (2 - p1 - p2) / 2)) / mp.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) - power
    return mp.findroot(pw, 50)


sizes = [
    sample_size(0.10, 0.02, "absolute", 0.05, 0.8, 0.5),
    sample_size(0.50, 0.25, "absolute", 0.05, 0.9, 0.5),  # R's ?power.prop.test example: n = 76.7 per group
    sample_size(0.10, 0.10, "relative", 0.05, 0.8, 0.5),
    sample_size(0.70, 0.06, "absolute", 0.05, 0.8, 0.5),
    sample_size(0.05, 0.01, "absolute", 0.01, 0.9, 0.3),
    sample_size(0.20, 0.15, "relative", 0.1, 0.8, 0.8),
]
close(sizes[1]["exactTotal"] / 2, float(power_prop_test_n(0.5, 0.75, 0.05, 0.9)), 1e-9)
close(sizes[0]["exactTotal"] / 2, float(power_prop_test_n(0.1, 0.12, 0.05, 0.8)), 1e-9)

out = {
    "source": "scripts/stats-goldens.py: mpmath %s at %d digits, cross-checked with scipy %s" % (mp.__version__, mp.mp.dps, __import__("scipy").__version__),
    "normalTwoSided": normal_two_sided,
    "normalQuantile": normal_quantile,
    "chiSquareUpper": chi_square_upper,
    "tTwoSided": t_two,
    "tQuantile": t_quant,
    "twoProportion": two_prop,
    "srm": srms,
    "welch": welchs,
    "sampleSize": sizes,
}
with open(OUT, "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
print("wrote", OUT)
