#!/usr/bin/env python3
"""The physicist's dose charts in headless Chromium (DoseChartsBrowserTests): the server-rendered SVG
is laid out and visible, and the numbers it shows equal the hand-computed fixture of
DoseStatisticsPageTests, written out again here.

Fixture: seven chest PA radiographs in X-ray 1, DAP per radiograph (Gy·cm²), national DRL 0.11:
- March 2026: 0.08, 0.10, 0.14 -> median 0.1 (3 exams); April 2026: 0.12, 0.20, 0.06, 0.09 -> median
  (0.09 + 0.12) / 2 = 0.105 (4 exams);
- all seven: median 0.1, 0.1 / 0.11 = 91 % of the DRL;
- bands of 0.02 from 0 to 0.2: 0.06-0.08: 1, 0.08-0.1: 2, 0.1-0.12: 1, 0.12-0.14: 1, 0.14-0.16: 1,
  0.18-0.2: 1, the others 0.

Usage: dose_charts.py CONFIG.json (keys: base, password, username, roomID).
Exits non-zero with the failed check on stderr; prints one line per check passed.
"""
import json
import sys

import browser_support
from browser_support import CheckFailed, browser, check
from selenium.webdriver.common.by import By

config = json.load(open(sys.argv[1]))
BASE = config["base"]

MEDIAN_ALL = 0.1
DRL = 0.11
MONTHS = {"Mar 2026": (0.1, 3), "Apr 2026": (0.105, 4)}
BANDS = [("0", "0.02", 0), ("0.02", "0.04", 0), ("0.04", "0.06", 0), ("0.06", "0.08", 1), ("0.08", "0.1", 2),
         ("0.1", "0.12", 1), ("0.12", "0.14", 1), ("0.14", "0.16", 1), ("0.16", "0.18", 0), ("0.18", "0.2", 1)]


def open_page(driver, path):
    driver.get(BASE + path)
    browser_support.wait(driver, lambda d: d.execute_script("return document.readyState") == "complete", 10)


def box(driver, element):
    """The element's rendered box in CSS pixels."""
    return driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height};", element)


def title(driver, element):
    return driver.execute_script("const t = arguments[0].querySelector('title'); return t ? t.textContent : null;",
                                 element)


def near(a, b, tolerance):
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


def visible_chart(driver, selector, name):
    charts = driver.find_elements(By.CSS_SELECTOR, selector)
    check(len(charts) >= 1, f"{name}: the chart is in the page")
    chart = charts[0]
    size = box(driver, chart)
    check(chart.is_displayed() and size["w"] > 100 and size["h"] > 40,
          f"{name}: the chart is visible, {size['w']:.0f} x {size['h']:.0f} pixels")
    return chart


def sign_in(driver):
    open_page(driver, "/")
    driver.find_element(By.ID, "field-username").send_keys(config["username"])
    driver.find_element(By.ID, "field-password").send_keys(config["password"])
    driver.find_element(By.ID, "sign-in").click()
    browser_support.wait(driver, lambda d: "/sign-in" not in d.current_url and
                         d.execute_script("return document.readyState") == "complete", 10)


def overview(driver):
    open_page(driver, "/dose/statistics")
    chart = visible_chart(driver, "svg.chart__svg", "overview")
    bars = chart.find_elements(By.CSS_SELECTOR, "rect.chart__bar")
    values = [t.text for t in chart.find_elements(By.CSS_SELECTOR, "text.chart__value")]
    share = round(MEDIAN_ALL / DRL * 100)
    check(len(bars) == 1 and values == [f"{share} %"], f"overview: one bar reading {share} % of the DRL ({values})")
    bar = box(driver, bars[0])
    marker = box(driver, chart.find_element(By.CSS_SELECTOR, "line.chart__marker"))
    drawn = bar["w"] / (marker["x"] - bar["x"])
    check(bar["h"] > 0 and near(drawn, MEDIAN_ALL / DRL, 0.02),
          f"overview: the bar reaches {drawn:.3f} of the way to the DRL line ({MEDIAN_ALL / DRL:.3f})")


def exam_type(driver):
    open_page(driver, f"/dose/statistics/exam?examCode=XCHEST&roomID={config['roomID']}&metric=dap-per-radiograph")
    svgs = driver.find_elements(By.CSS_SELECTOR, "svg.chart__svg")
    check(len(svgs) == 2, f"exam type: a trend and a histogram ({len(svgs)} charts)")
    trend, histogram = svgs
    visible_chart(driver, "svg.chart__svg", "trend")
    size = box(driver, histogram)
    check(histogram.is_displayed() and size["w"] > 100 and size["h"] > 40,
          f"histogram: visible, {size['w']:.0f} x {size['h']:.0f} pixels")

    points = {}
    for circle in trend.find_elements(By.CSS_SELECTOR, "circle.chart__point"):
        text = title(driver, circle)
        points[text.split(":")[0]] = (text, box(driver, circle))
    for month, (median, exams) in MONTHS.items():
        expected = f"{month}: median {median:g} Gy·cm² of {exams} exams"
        check(month in points and points[month][0] == expected and points[month][1]["w"] > 0,
              f"trend: the {month} point is drawn and reads '{expected}'")
    labels = [t.text for t in trend.find_elements(By.CSS_SELECTOR, "text.chart__value")]
    check(sorted(labels) == sorted(f"{m:g}" for m, _ in MONTHS.values()), f"trend: the medians shown are {labels}")
    axis = box(driver, trend.find_element(By.CSS_SELECTOR, "line.chart__axis"))["y"]
    levels = [(title(driver, line), box(driver, line)) for line in trend.find_elements(By.CSS_SELECTOR, "line.chart__level")]
    national = [b for t, b in levels if t == f"National DRL {DRL:g} Gy·cm²"]
    check(len(national) == 1 and national[0]["w"] > 0, f"trend: the national DRL line at {DRL:g} Gy·cm² is drawn")

    def height(b):
        return axis - (b["y"] + b["h"] / 2)
    march, april = points["Mar 2026"][1], points["Apr 2026"][1]
    drl = axis - national[0]["y"]
    check(near(height(april) / height(march), 0.105 / 0.1, 0.03) and near(drl / height(march), DRL / 0.1, 0.03),
          "trend: heights above the axis are in proportion to 0.1, 0.105 and the DRL 0.11")

    bars = histogram.find_elements(By.CSS_SELECTOR, "rect.chart__bar")
    titles = [title(driver, bar) for bar in bars]
    expected = [f"{lo} to {hi} Gy·cm²: {n} {'exam' if n == 1 else 'exams'}" for lo, hi, n in BANDS]
    check(titles == expected, f"histogram: ten bands with the hand-computed counts ({titles})")
    counts = [t.text for t in histogram.find_elements(By.CSS_SELECTOR, "text.chart__value")]
    check(counts == [str(n) for _, _, n in BANDS], f"histogram: the counts shown are {counts}")
    heights = [box(driver, bar)["h"] for bar in bars]
    unit = heights[4] / 2
    check(unit > 0 and all(near(h, n * unit, 0.05) if n else h < 1 for h, (_, _, n) in zip(heights, BANDS)),
          f"histogram: bar heights are in proportion to the counts ({[round(h) for h in heights]})")


def main():
    driver = browser()
    try:
        sign_in(driver)
        overview(driver)
        exam_type(driver)
    except CheckFailed as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
