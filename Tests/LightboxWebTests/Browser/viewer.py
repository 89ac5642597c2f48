#!/usr/bin/env python3
"""Drives Lightbox's image viewer in headless Chromium (selenium + Debian's chromium-driver), as the
ViewerBrowserTests suite asks: open a corpus CT from the exam's viewer, change window and level by
dragging (the canvas pixels change), measure a length (its millimetres checked against Pixel Spacing),
and save the image as PNG with the measurement burned in.

Usage: viewer.py CONFIG.json   (written by ViewerBrowserTests.swift)
Exits non-zero with the failed check on stderr; prints one line per check passed.
"""
import json
import math
import os
import sys

import browser_support
from browser_support import CheckFailed, browser, check

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

config = json.load(open(sys.argv[1]))
BASE = config["base"]


def wait(driver, condition, seconds=15):
    return browser_support.wait(driver, condition, seconds)


# The sum of the canvas's grey levels over its middle, where the CT slice is drawn.
PIXELS = """
const c = document.getElementById('viewer-canvas');
const d = c.getContext('2d').getImageData(c.width / 4, c.height / 4, c.width / 2, c.height / 2).data;
let sum = 0; for (let i = 0; i < d.length; i += 4) sum += d[i];
return sum;
"""


def main():
    driver = browser()
    try:
        driver.get(BASE + "/")
        driver.find_element(By.ID, "field-username").send_keys(config["username"])
        driver.find_element(By.ID, "field-password").send_keys(config["password"])
        driver.find_element(By.ID, "sign-in").click()
        wait(driver, lambda d: d.find_elements(By.ID, "sign-out-form"))

        driver.get(BASE + config["examImages"])
        viewer = driver.find_element(By.ID, "viewer")
        wait(driver, lambda d: viewer.get_attribute("data-rendered") == config["firstInstance"])
        check(True, "the exam's CT opens in the viewer on its first image")
        wait(driver, lambda d: viewer.get_attribute("data-loaded") == str(config["slices"]))
        status = driver.find_element(By.ID, "viewer-status").text
        check("centre 40, width 100" in status, "the stored window is the default: " + status)
        spacing = driver.find_element(By.ID, "viewer-spacing").text
        check("Pixel Spacing" in spacing, "the spacing line names Pixel Spacing: " + spacing)

        canvas = driver.find_element(By.ID, "viewer-canvas")
        before = driver.execute_script(PIXELS)
        ActionChains(driver).move_to_element(canvas).click_and_hold().move_by_offset(120, 60) \
            .move_by_offset(60, 30).release().perform()
        wait(driver, lambda d: d.execute_script(PIXELS) != before)
        after = driver.execute_script(PIXELS)
        check(after != before, "dragging changes window and level: canvas sum %d -> %d" % (before, after))
        check("centre 40, width 100" not in driver.find_element(By.ID, "viewer-status").text,
              "the status shows the new window")

        Select(driver.find_element(By.ID, "viewer-preset")).select_by_value("lung")
        wait(driver, lambda d: "centre -600, width 1500" in d.find_element(By.ID, "viewer-status").text)
        check(True, "the lung preset sets centre -600, width 1500")

        driver.find_element(By.ID, "tool-scroll").click()
        driver.execute_script("arguments[0].focus()", canvas)
        ActionChains(driver).send_keys(Keys.ARROW_DOWN).perform()
        wait(driver, lambda d: viewer.get_attribute("data-rendered") == config["secondInstance"])
        check(True, "the arrow key moves to the next image")
        ActionChains(driver).send_keys(Keys.ARROW_UP).perform()
        wait(driver, lambda d: viewer.get_attribute("data-rendered") == config["firstInstance"])

        driver.find_element(By.ID, "tool-length").click()
        ActionChains(driver).move_to_element_with_offset(canvas, -100, -50).click_and_hold() \
            .move_by_offset(100, 40).move_by_offset(100, 40).release().perform()
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#viewer-measurements li"))
        text = driver.find_element(By.CSS_SELECTOR, "#viewer-measurements li").text
        points = driver.execute_script(
            "const v = window.lightboxViewer; const i = v.series.instances[v.index];"
            "return v.annotations[i.uid][0].points;")
        row, column = config["pixelSpacing"]
        dx = points[1]["x"] - points[0]["x"]
        dy = points[1]["y"] - points[0]["y"]
        expected = math.hypot(dx * column, dy * row)
        shown = float(text.split(":")[1].strip().split(" ")[0])
        check(text.endswith("mm") and abs(shown - expected) < 0.06,
              "the length %s matches Pixel Spacing (%.2f mm over %.1f x %.1f pixels)" % (text, expected, dx, dy))
        css_length = math.hypot(200, 80)
        scale = driver.execute_script(
            "const c = document.getElementById('viewer-canvas'); const r = c.getBoundingClientRect();"
            "return Math.min(c.width / 512, c.height / 512) * (r.width / c.width);")
        check(abs(math.hypot(dx, dy) - css_length / scale) < 3, "the line spans the pixels dragged over")

        driver.find_element(By.ID, "viewer-png").click()
        wait(driver, lambda d: (viewer.get_attribute("data-last-export") or "").startswith("image/png 512x512"))
        check(True, "the image is saved as a 512 x 512 PNG: " + viewer.get_attribute("data-last-export"))

        # The lookup table behind every pixel: MONOCHROME1 inverts, signed samples below Bits Stored are
        # sign-extended (high bits ignored), rescale applies before the window, 8-bit data has 256 entries.
        table = """
            const [instance, centre, width, samples] = arguments;
            const base = {bitsAllocated: 16, bitsStored: 16, signed: false, slope: 1, intercept: 0,
                          photometric: 'MONOCHROME2', samples: 1};
            const t = window.lightboxViewer.lookupTableFor(Object.assign(base, instance), centre, width);
            const result = samples.map(i => t[i]);
            window.lightboxViewer.lutKey = '';
            return result;"""
        inverted = driver.execute_script(table, {"bitsAllocated": 8, "bitsStored": 8,
                                                 "photometric": "MONOCHROME1"}, 128, 256, [0, 255])
        check(inverted[0] == 255 and inverted[1] == 0, "MONOCHROME1 is inverted: %s" % inverted)
        signed = driver.execute_script(table, {"bitsStored": 12, "signed": True}, 0, 2,
                                       [0x0FFF, 0x0001, 0xF001])
        check(signed == [0, 255, 255], "12-bit signed samples are sign-extended and masked: %s" % signed)
        rescaled = driver.execute_script(table, {"slope": 2, "intercept": -1000}, 0, 100, [500, 470, 530])
        check(rescaled[0] == 129 and rescaled[1] == 0 and rescaled[2] == 255,
              "rescale slope and intercept apply before the window: %s" % rescaled)
        driver.execute_script("window.lightboxViewer.show(0); window.lightboxViewer.lutKey = '';")

        shots = config.get("screenshots")
        if shots:
            os.makedirs(shots, exist_ok=True)
            driver.save_screenshot(os.path.join(shots, "viewer.png"))
        # The browser's own favicon request is the only 404 a page may cause.
        errors = [entry for entry in driver.get_log("browser")
                  if entry["level"] == "SEVERE" and "favicon.ico" not in entry["message"]]
        check(not errors, "no script errors: %s" % errors)
        print("ok: the viewer works", flush=True)
    finally:
        driver.quit()


try:
    main()
except Exception as error:  # noqa: BLE001 - any failure is reported as the check that failed
    print("FAILED: %s: %s" % (type(error).__name__, error), file=sys.stderr)
    sys.exit(1)
