"""The peer of `forecast-bench --peer`: statsmodels ETS (AICc over the 15 forms) and Theta, fitted on the training
months the C# bench writes, one JSON object a line on stdin, answered one a line on stdout.

Input:  {"id": 3, "y": [..training months on the measure's scale..], "h": 12, "max": 1.0 or null}
Output: {"id": 3, "ets": {"form": "MAdN", "mean": [...], "lo80": [...], "hi80": [...], "lo95": [...], "hi95": [...]},
         "theta": {...same without form...}}
Forecasts and bounds are clipped to the measure's range (>= 0, <= max for a rate), which only helps the peer.
The 15 ETS forms are those of R's forecast::ets without multiplicative trend: error A/M x trend N/A/Ad x season N/A/M,
less the three unstable ones with additive error and multiplicative season. Multiplicative forms need positive data;
seasonal ones two years of months.
"""
import json
import sys
import warnings

import numpy as np
import pandas as pd
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.forecasting.theta import ThetaModel

warnings.filterwarnings("ignore")


def forms(y):
    positive = bool(np.all(y > 0))
    for error in ("add", "mul"):
        for trend, damped in ((None, False), ("add", False), ("add", True)):
            for seasonal in (None, "add", "mul"):
                if error == "add" and seasonal == "mul":
                    continue
                if (error == "mul" or seasonal == "mul") and not positive:
                    continue
                if seasonal is not None and len(y) < 24:
                    continue
                yield error, trend, damped, seasonal


def name(error, trend, damped, seasonal):
    t = "N" if trend is None else ("Ad" if damped else "A")
    return error[0].upper() + t + ("N" if seasonal is None else seasonal[0].upper())


def clip(values, top):
    values = np.maximum(np.asarray(values, dtype=float), 0.0)
    if top is not None:
        values = np.minimum(values, top)
    return [float(v) for v in values]


def ets(y, h, top):
    # A monthly index: statsmodels' prediction frames need one.
    series = pd.Series(y, index=pd.date_range("2000-01-01", periods=len(y), freq="MS"))
    best = None
    for form in forms(y):
        error, trend, damped, seasonal = form
        try:
            model = ETSModel(series, error=error, trend=trend, damped_trend=damped, seasonal=seasonal,
                             seasonal_periods=12 if seasonal else None, initialization_method="estimated")
            fit = model.fit(disp=False, maxiter=2000)
            if not np.isfinite(fit.aicc):
                continue
            if best is None or fit.aicc < best[0]:
                best = (fit.aicc, form, fit)
        except Exception:
            continue
    if best is None:
        raise RuntimeError("no ETS form could be fitted")
    _, form, fit = best
    n = len(y)
    prediction = fit.get_prediction(start=n, end=n + h - 1)
    f80 = prediction.summary_frame(alpha=0.20)
    f95 = prediction.summary_frame(alpha=0.05)
    if len(f80) != h:
        raise RuntimeError(f"ETS returned {len(f80)} months, not {h}")
    return {"form": name(*form), "mean": clip(f80["mean"], top),
            "lo80": clip(f80["pi_lower"], top), "hi80": clip(f80["pi_upper"], top),
            "lo95": clip(f95["pi_lower"], top), "hi95": clip(f95["pi_upper"], top)}


def theta(y, h, top):
    # Deseasonalised (multiplicatively when positive, after statsmodels' own seasonality test) from two years on.
    model = ThetaModel(y, period=12, deseasonalize=len(y) >= 24, use_test=True, method="auto")
    fit = model.fit()
    mean = np.asarray(fit.forecast(h))
    i80 = np.asarray(fit.prediction_intervals(h, alpha=0.20))
    i95 = np.asarray(fit.prediction_intervals(h, alpha=0.05))
    return {"mean": clip(mean, top), "lo80": clip(i80[:, 0], top), "hi80": clip(i80[:, 1], top),
            "lo95": clip(i95[:, 0], top), "hi95": clip(i95[:, 1], top)}


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        task = json.loads(line)
        y = np.asarray(task["y"], dtype=float)
        answer = {"id": task["id"]}
        for key, method in (("ets", ets), ("theta", theta)):
            try:
                answer[key] = method(y, task["h"], task.get("max"))
            except Exception as failure:  # a peer that cannot fit a series is reported, not hidden
                answer[key] = {"error": str(failure)[:200]}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
