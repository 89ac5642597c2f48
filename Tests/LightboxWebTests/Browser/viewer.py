#!/usr/bin/env python3
"""Drives Lightbox's image viewer in headless Chromium (selenium + Debian's chromium-driver), as the
ViewerBrowserTests suite asks: open a corpus CT from the exam's viewer, change window and level by
dragging (the canvas pixels change) and by preset, move through the series, zoom and pan, measure a
length and an angle (checked against Pixel Spacing), place an arrow and a text mark, save the image as PNG
with the marks burned in, then as on a tablet: a finger scrolls the series and two fingers pinch to zoom,
and the viewer fits a 10-inch tablet's width.

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
from selenium.webdriver.common.actions import interaction
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.actions.pointer_input import PointerInput
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


# The viewer's state the checks read: zoom, pan, the image shown and its marks.
STATE = """
const v = window.lightboxViewer; const i = v.series.instances[v.index];
return {zoom: v.zoom, panX: v.panX, panY: v.panY, index: v.index, marks: v.annotations[i.uid] || []};
"""

# Keeps the blob the viewer saves, then counts its size and its yellow pixels (the marks' colour, #ffeb3b:
# the CT itself is grey, so only burned-in marks are yellow).
KEEP_EXPORT = """
const create = URL.createObjectURL;
URL.createObjectURL = function (blob) { window.__lastExport = blob; return create.call(URL, blob); };
"""
COUNT_EXPORT = """
const done = arguments[arguments.length - 1];
createImageBitmap(window.__lastExport).then(bitmap => {
  const c = document.createElement('canvas'); c.width = bitmap.width; c.height = bitmap.height;
  const g = c.getContext('2d'); g.drawImage(bitmap, 0, 0);
  const d = g.getImageData(0, 0, c.width, c.height).data;
  let yellow = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i] > 200 && d[i + 1] > 200 && d[i + 2] < 120) yellow++;
  done({width: bitmap.width, height: bitmap.height, yellow: yellow});
}, error => done({error: String(error)}));
"""


def marks_listed(driver):
    return [item.text for item in driver.find_elements(By.CSS_SELECTOR, "#viewer-measurements li")]


def touch(driver, canvas, paths):
    """Fingers on the canvas at once: each path a list of (x, y) offsets from its centre, moved in step."""
    builder = ActionBuilder(driver, mouse=PointerInput(interaction.POINTER_TOUCH, "finger0"))
    fingers = [builder.pointer_inputs[0]] + [
        builder.add_pointer_input(interaction.POINTER_TOUCH, "finger%d" % n) for n in range(1, len(paths))]
    for finger, path in zip(fingers, paths):
        finger.create_pointer_move(duration=0, x=path[0][0], y=path[0][1], origin=canvas)
        finger.create_pointer_down(button=0)
        for x, y in path[1:]:
            finger.create_pointer_move(duration=50, x=x, y=y, origin=canvas)
        finger.create_pointer_up(button=0)
    builder.perform()


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

        for preset, window in (("bone", "centre 400, width 1800"), ("brain", "centre 40, width 80"),
                               ("soft-tissue", "centre 40, width 400"), ("lung", "centre -600, width 1500")):
            Select(driver.find_element(By.ID, "viewer-preset")).select_by_value(preset)
            wait(driver, lambda d: window in d.find_element(By.ID, "viewer-status").text)
            check(True, "the %s preset sets %s" % (preset, window))

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

        # An angle: three clicks, the vertex in the middle (a right angle on the screen).
        driver.find_element(By.ID, "tool-angle").click()
        for x, y in ((0, -80), (0, 0), (80, 0)):
            ActionChains(driver).move_to_element_with_offset(canvas, x, y).click().perform()
        wait(driver, lambda d: any(m.startswith("Angle") for m in marks_listed(d)))
        angle = next(m for m in marks_listed(driver) if m.startswith("Angle"))
        a, vertex, c = next(m for m in driver.execute_script(STATE)["marks"] if m["type"] == "angle")["points"]
        u = ((a["x"] - vertex["x"]) * column, (a["y"] - vertex["y"]) * row)
        w = ((c["x"] - vertex["x"]) * column, (c["y"] - vertex["y"]) * row)
        expected = math.degrees(math.acos((u[0] * w[0] + u[1] * w[1]) / (math.hypot(*u) * math.hypot(*w))))
        shown = float(angle.split(":")[1].strip().rstrip("°"))
        check(abs(shown - expected) < 0.06 and abs(shown - 90) < 2,
              "the angle %s matches its three points in millimetres (%.2f°)" % (angle, expected))

        driver.find_element(By.ID, "tool-arrow").click()
        ActionChains(driver).move_to_element_with_offset(canvas, 120, 100).click_and_hold() \
            .move_by_offset(-40, -40).release().perform()
        wait(driver, lambda d: "Arrow" in marks_listed(d))
        check(True, "an arrow is placed")
        driver.find_element(By.ID, "tool-text").click()
        field = driver.find_element(By.ID, "viewer-text")
        field.clear()
        field.send_keys("Lesion")
        ActionChains(driver).move_to_element_with_offset(canvas, -150, 120).click().perform()
        wait(driver, lambda d: "Text: Lesion" in marks_listed(d))
        check(True, "a text mark is placed: " + ", ".join(marks_listed(driver)))

        driver.execute_script(KEEP_EXPORT)
        driver.find_element(By.ID, "viewer-png").click()
        wait(driver, lambda d: (viewer.get_attribute("data-last-export") or "").startswith("image/png 512x512"))
        saved = driver.execute_async_script(COUNT_EXPORT)
        check(saved.get("width") == 512 and saved.get("yellow", 0) > 200,
              "the image is saved as a 512 x 512 PNG with its marks burned in: %s" % saved)

        # Zoom by dragging up, pan by dragging; Reset puts both back.
        driver.find_element(By.ID, "tool-zoom").click()
        before = driver.execute_script(PIXELS)
        ActionChains(driver).move_to_element(canvas).click_and_hold().move_by_offset(0, -60).release().perform()
        wait(driver, lambda d: d.execute_script(STATE)["zoom"] > 1.2 and d.execute_script(PIXELS) != before)
        check(True, "dragging up with Zoom enlarges the image: " + driver.find_element(By.ID, "viewer-status").text)
        driver.find_element(By.ID, "tool-pan").click()
        ActionChains(driver).move_to_element(canvas).click_and_hold().move_by_offset(50, 30).release().perform()
        wait(driver, lambda d: d.execute_script(STATE)["panX"] == 50)
        check(driver.execute_script(STATE)["panY"] == 30, "dragging with Pan moves the image by the pixels dragged")
        driver.find_element(By.ID, "viewer-reset").click()
        wait(driver, lambda d: "zoom 100 %" in d.find_element(By.ID, "viewer-status").text)
        state = driver.execute_script(STATE)
        check(state["zoom"] == 1 and state["panX"] == 0 and state["panY"] == 0, "Reset restores zoom and pan")

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
        wait(driver, lambda d: viewer.get_attribute("data-rendered") == config["firstInstance"])
        Select(driver.find_element(By.ID, "viewer-preset")).select_by_value("stored")
        wait(driver, lambda d: "centre 40, width 100" in d.find_element(By.ID, "viewer-status").text)

        shots = config.get("screenshots")
        if shots:
            os.makedirs(shots, exist_ok=True)
            driver.save_screenshot(os.path.join(shots, "viewer.png"))

        # As on a tablet: one finger drags through the series with Scroll, two fingers pinch to zoom.
        driver.find_element(By.ID, "tool-scroll").click()
        touch(driver, canvas, [[(0, -40), (0, -20), (0, 0), (0, 20)]])
        wait(driver, lambda d: viewer.get_attribute("data-rendered") != config["firstInstance"])
        check(driver.execute_script(STATE)["index"] > 0, "a finger dragged down moves through the series")
        touch(driver, canvas, [[(-20, 0), (-60, 0), (-100, 0)], [(20, 0), (60, 0), (100, 0)]])
        wait(driver, lambda d: d.execute_script(STATE)["zoom"] > 2)
        check(True, "two fingers pinched apart zoom in (zoom %.1f)" % driver.execute_script(STATE)["zoom"])
        driver.set_window_size(800, 1280)
        wait(driver, lambda d: d.execute_script(
            "return document.getElementById('viewer-canvas').getBoundingClientRect().width > 600"))
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        small = driver.execute_script(
            "return [...document.querySelectorAll('.viewer__tool')].filter(b => b.getBoundingClientRect().height < 44)"
            ".length")
        check(overflow <= 0 and small == 0,
              "on a 10-inch tablet's width the viewer fits (overflow %d) and every tool is 44 pixels high" % overflow)
        driver.set_window_size(1024, 768)

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
