#!/usr/bin/env python3
"""Drives Lightbox's pages in headless Chromium (selenium + Debian's chromium-driver), as the
BrowserTests suite asks: one patient's journey as far as the pages go, the refusals, the XSS
corpus values shown as text, axe-core on the main pages, and screenshots for the README.

Usage: pages.py CONFIG.json   (written by BrowserTests.swift; see the keys read below)
Exits non-zero with the failed check on stderr; prints one line per check passed.
"""
import json
import os
import sys

import browser_support
from browser_support import CheckFailed, browser, check

from axe_selenium_python import Axe
from selenium.common.exceptions import NoAlertPresentException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

config = json.load(open(sys.argv[1]))
BASE = config["base"]
SHOTS = config["screenshots"]
PASSWORD = config["password"]


def wait(driver, condition, seconds=10):
    return browser_support.wait(driver, condition, seconds)


def open_page(driver, path):
    driver.get(BASE + path)
    wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")


def heading(driver):
    return driver.find_element(By.TAG_NAME, "h1").text


def no_alert(driver, where):
    try:
        text = driver.switch_to.alert.text
        raise CheckFailed(f"an injected script ran on {where}: alert({text!r})")
    except NoAlertPresentException:
        pass
    fired = driver.execute_script("return window.__lightboxInjected === true")
    inline = driver.execute_script("return document.querySelectorAll('script:not([src])').length")
    check(not fired and inline == 0, f"no injected script ran on {where}, no inline script")


def accessible(driver, name):
    axe = Axe(driver)
    axe.inject()
    # Every rule axe-core has (WCAG 2 A and AA, and best practice); the bundled axe-core predates
    # the WCAG 2.1/2.2 tags, which would make axe.run reject, so no tag filter is passed.
    results = axe.run()
    bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    check(not bad, f"axe-core: no serious or critical violation on {name}" +
          ("" if not bad else ": " + axe.report(bad)))


def fits(driver, name):
    overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    check(overflow <= 0, f"{name} fits 1024 pixels across (overflow {overflow})")


def shot(driver, name):
    fits(driver, name)
    os.makedirs(SHOTS, exist_ok=True)
    height = driver.execute_script("return Math.min(document.body.scrollHeight, 2000)")
    driver.set_window_size(1024, max(768, height))
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(os.path.join(SHOTS, name + ".png"))
    driver.set_window_size(1024, 768)


def sign_in(driver, username):
    open_page(driver, "/")
    check("Sign in" in heading(driver), f"the sign-in page before {username} signs in")
    field = driver.find_element(By.ID, "field-username")
    field.send_keys(username)
    # Keyboard only: tab to the password, type it, press Enter.
    field.send_keys(Keys.TAB)
    driver.switch_to.active_element.send_keys(PASSWORD)
    follow(driver, lambda: driver.switch_to.active_element.send_keys(Keys.ENTER))
    check(heading(driver) == "Your work", f"{username} signed in by keyboard sees their home")


def sign_out(driver):
    follow(driver, driver.find_element(By.CSS_SELECTOR, "#sign-out-form button").click)


def follow(driver, action):
    """Does `action` (a click, a key) and waits until the browser has loaded the next page."""
    page = driver.find_element(By.TAG_NAME, "html")
    action()

    def left(_):
        # Chromium reports a replaced document either as a stale element or as a node that no
        # longer belongs to the document; both mean the next page is there.
        try:
            page.is_enabled()
            return False
        except WebDriverException:
            return True
    wait(driver, left)
    wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")


def force(driver, button):
    """Sends a closed step's form anyway, as a hand-made request would: the server must refuse it."""
    follow(driver, lambda: driver.execute_script(
        "arguments[0].disabled = false; arguments[0].form.requestSubmit(arguments[0])", button))


def exam_state(driver):
    return driver.find_element(By.ID, "exam-state").text.strip().lower()


def submit(driver, button, notice):
    follow(driver, driver.find_element(By.ID, button).click)
    element = wait(driver, EC.presence_of_element_located((By.CLASS_NAME, "notice")))
    check(notice in element.text, notice)


def refused(driver, message):
    summary = wait(driver, EC.presence_of_element_located((By.CLASS_NAME, "error-summary")))
    check(summary.is_displayed(), message)
    return summary


CHECKS = ("pause-and-check-field-identity-identifiers-name", "pause-and-check-field-identity-identifiers-dateOfBirth",
          "pause-and-check-field-identity-identifiers-nhsNumber", "pause-and-check-field-identity-methods-verbal",
          "pause-and-check-field-identity-methods-wristband", "pause-and-check-field-anatomy-bodyPartConfirmed-true",
          "pause-and-check-field-equipmentAndSettingsConfirmed-true")


def tick(driver, ids):
    """Ticks each checkbox or radio by keyboard, leaving those already ticked."""
    for box in ids:
        element = driver.find_element(By.ID, box)
        if not element.is_selected():
            element.send_keys(Keys.SPACE)


def contrast_check(driver):
    """A contrast exam's Pause and Check: the checklist names an unanswered screening item until each is
    answered, then the screening is recorded and shown on the exam page."""
    open_page(driver, f"/exams/{config['contrastExam']}")
    tick(driver, CHECKS)
    status = driver.find_element(By.CLASS_NAME, "checklist-status").text
    check("Contrast: diabetes" in status, "the checklist names an unanswered contrast screening item")
    tick(driver, [f"pause-and-check-field-contrast-{name}-false" for name in
                  ("previousReaction", "allergiesOrAsthma", "diabetes", "renalDisease", "knownLowEGFR", "onMetformin")])
    check("Contrast: agent" in driver.find_element(By.CLASS_NAME, "checklist-status").text,
          "and then the contrast agent still to record")
    for field, value in (("agent", "Omnipaque 300"), ("batch", "B1"), ("volumeMillilitres", "80")):
        driver.find_element(By.ID, f"pause-and-check-field-contrast-{field}").send_keys(value)
    check("Every check is ticked" in driver.find_element(By.CLASS_NAME, "checklist-status").text,
          "the contrast checklist says when every item is answered")
    follow(driver, driver.find_element(By.ID, "pause-and-check-submit").click)
    check(exam_state(driver) == "checked (pause and check done)", "the contrast exam's Pause and Check is recorded")
    check("Omnipaque 300, batch B1, 80 mL" in driver.find_element(By.CLASS_NAME, "summary-list").text,
          "the recorded contrast screening is shown on the exam page")


def run():
    driver = browser()
    try:
        journey(driver)
    finally:
        driver.quit()


def journey(driver):
    exam = config["exam"]
    xss_patient = config["xssPatient"]
    xss_exam = config["xssExam"]

    # A visitor: the sign-in page, a wrong password answered on the page with an error summary.
    open_page(driver, "/")
    shot(driver, "sign-in")
    accessible(driver, "the sign-in page")
    driver.find_element(By.ID, "field-username").send_keys(config["support"])
    driver.find_element(By.ID, "field-password").send_keys("not the password")
    follow(driver, driver.find_element(By.ID, "sign-in").click)
    summary = wait(driver, EC.presence_of_element_located((By.CLASS_NAME, "error-summary")))
    check(driver.switch_to.active_element == summary, "the error summary takes the focus")
    link = summary.find_element(By.TAG_NAME, "a")
    check(link.get_attribute("href").endswith("#field-password"), "the error links to the password field")

    # Support worker: home, reception search, the XSS patient shown as text, vetting refused.
    sign_in(driver, config["support"])
    check("Waiting to be booked" in driver.page_source, "the support worker's home lists booking work")
    shot(driver, "home-support-worker")
    accessible(driver, "the support worker's home")
    open_page(driver, "/patients")
    search = driver.find_element(By.ID, "field-q")
    search.send_keys(config["xssHospitalNumber"])
    follow(driver, lambda: search.send_keys(Keys.ENTER))
    shot(driver, "patient-search")
    accessible(driver, "the patient search")
    no_alert(driver, "the search results")
    follow(driver, driver.find_element(By.CSS_SELECTOR, "table.table a").click)
    check(driver.find_element(By.ID, "patient-name").text == config["xssName"],
          "the injected patient name is shown as text")
    no_alert(driver, "the patient page")
    shot(driver, "patient")
    accessible(driver, "the patient page")
    open_page(driver, f"/exams/{xss_exam}")
    check(config["xssQuestion"] in driver.find_element(By.TAG_NAME, "main").text,
          "the injected clinical question is shown as text")
    no_alert(driver, "the exam page")
    open_page(driver, "/vetting")
    check(heading(driver) == "This page is not for your role", "a support worker opening the vetting page is refused")

    # A form posted without its token is refused.
    open_page(driver, "/patients/new")
    driver.find_element(By.ID, "field-name-family").send_keys("Tokenless")
    driver.execute_script("document.querySelector('form[action=\"/patients\"] input[name=_csrf]').remove()")
    follow(driver, driver.find_element(By.ID, "register").click)
    check(heading(driver) == "This form cannot be accepted", f"a form posted without its token is refused ({heading(driver)})")
    open_page(driver, "/patients?q=Tokenless")
    check("No patient matches." in driver.page_source, "and nothing was stored")
    sign_out(driver)

    # Radiographer: the vetting queue, a rejection without a reason refused on the page, then justify.
    sign_in(driver, config["radiographer"])
    shot(driver, "home-radiographer")
    accessible(driver, "the radiographer's home")
    open_page(driver, "/vetting")
    check(f"/exams/{exam}" in driver.page_source, "the request is in the vetting queue")
    shot(driver, "vetting")
    accessible(driver, "the vetting queue")
    open_page(driver, f"/exams/{exam}")
    driver.find_element(By.ID, "decision-reject").click()
    follow(driver, driver.find_element(By.ID, "save-vetting").click)
    summary = wait(driver, EC.presence_of_element_located((By.CLASS_NAME, "error-summary")))
    check("#field-reason" in summary.find_element(By.TAG_NAME, "a").get_attribute("href"),
          "rejecting without a reason is refused and the summary links to the reason")
    shot(driver, "vetting-error")
    accessible(driver, "the vetting form with an error")
    summary.find_element(By.TAG_NAME, "a").send_keys(Keys.ENTER)
    check(driver.switch_to.active_element.get_attribute("id") == "field-reason",
          "the summary's link takes the keyboard to the reason")
    driver.find_element(By.ID, "decision-accept").send_keys(Keys.SPACE)
    follow(driver, driver.find_element(By.ID, "save-vetting").click)
    check("justified" in driver.find_element(By.CLASS_NAME, "notice").text.lower(), "the request is justified")
    sign_out(driver)

    # Support worker books the exam for today and records the arrival, while the room's worklist,
    # open in another tab, shows each change without being reloaded (server-sent events).
    sign_in(driver, config["support"])
    open_page(driver, f"/worklist/{config['roomID']}")
    worklist = driver.current_window_handle
    wait(driver, lambda d: d.execute_script("return document.body.getAttribute('data-live-state')") == "open")
    driver.execute_script("window.__notReloaded = true")
    driver.switch_to.new_window("tab")
    open_page(driver, f"/exams/{exam}")
    Select(driver.find_element(By.ID, "booking-field-roomID")).select_by_visible_text(config["room"])
    driver.execute_script("document.getElementById('booking-field-scheduledAt').value = arguments[0]", config["slot"])
    submit(driver, "booking-submit", "Appointment booked")
    check(exam_state(driver) == "booked", "the exam is booked")
    form = driver.current_window_handle
    driver.switch_to.window(worklist)
    wait(driver, lambda d: f"/exams/{exam}" in d.find_element(By.ID, "worklist-live").get_attribute("innerHTML"), 5)
    check(driver.execute_script("return window.__notReloaded === true"),
          "the booking appears on the open room worklist without a reload")
    shot(driver, "worklist")
    accessible(driver, "the room worklist")
    driver.switch_to.window(form)
    submit(driver, "arrival-submit", "Arrival recorded")
    driver.close()
    driver.switch_to.window(worklist)
    wait(driver, lambda d: "Pause and Check next" in d.find_element(By.ID, "worklist-live").text, 5)
    check(driver.execute_script("return window.__notReloaded === true"), "and so does the arrival")
    # The task board, open in this tab, shows a chaperone asked for in another one without a reload.
    open_page(driver, "/tasks")
    board = driver.current_window_handle
    wait(driver, lambda d: d.execute_script("return document.body.getAttribute('data-live-state')") == "open")
    driver.execute_script("window.__notReloaded = true")
    driver.switch_to.new_window("tab")
    open_page(driver, f"/exams/{exam}")
    submit(driver, "chaperone-request-submit", "Chaperone asked for")
    driver.close()
    driver.switch_to.window(board)
    wait(driver, lambda d: "Chaperone" in d.find_element(By.ID, "tasks-live").text, 5)
    check(driver.execute_script("return window.__notReloaded === true"),
          "a chaperone asked for appears on the open task board without a reload")
    shot(driver, "tasks")
    accessible(driver, "the task board")
    open_page(driver, "/")
    check(f"/exams/{exam}" in driver.find_element(By.ID, "today").get_attribute("innerHTML"),
          "the booking is on today's list")
    # The booking desk's and reception's pages (HTTP tests cover their rules): axe-core, 1024 px, screenshots.
    for path, name in ((f"/booking/rooms/{config['roomID']}?view=week", "booking-calendar"),
                       ("/booking", "waiting-list"), ("/reception", "reception")):
        open_page(driver, path)
        shot(driver, name)
        accessible(driver, f"the {name.replace('-', ' ')} page")
    sign_out(driver)

    # Assistant practitioner: start refused before Pause and Check, an incomplete checklist refused
    # naming what is missing, then the checks; start refused with no supervisor, then with one.
    sign_in(driver, config["ap"])
    open_page(driver, f"/exams/{exam}")
    start = driver.find_element(By.ID, "start-submit")
    check(not start.is_enabled(), "start is closed until Pause and Check is complete")
    check("Pause and Check" in driver.find_element(By.ID, "start-closed").text, "and says why")
    force(driver, start)
    refused(driver, "start before the checklist is complete is refused")
    check(exam_state(driver) == "arrived", "the exam did not start")
    status = driver.find_element(By.CLASS_NAME, "checklist-status").text
    check("Still to check" in status and "Equipment" in status, "the checklist says which items are missing")
    follow(driver, driver.find_element(By.ID, "pause-and-check-submit").click)
    summary = refused(driver, "an incomplete Pause and Check is refused")
    text = summary.text.lower()
    check("identit" in text and "anatomy" in text and "equipment" in text,
          "the refusal names every missing item")
    tick(driver, CHECKS)
    check("Every check is ticked" in driver.find_element(By.CLASS_NAME, "checklist-status").text,
          "the checklist says when every item is ticked")
    shot(driver, "pause-and-check")
    accessible(driver, "Pause and Check")
    follow(driver, driver.find_element(By.ID, "pause-and-check-submit").click)
    check(exam_state(driver) == "checked (pause and check done)", "Pause and Check is recorded")
    follow(driver, driver.find_element(By.ID, "start-submit").click)
    summary = refused(driver, "an assistant practitioner with no supervisor cannot start")
    check("supervis" in summary.text.lower(), "the refusal says a supervisor is needed")
    Select(driver.find_element(By.ID, "start-field-supervisorStaffID")).select_by_visible_text(config["supervisor"])
    submit(driver, "start-submit", "Exam started")
    for box in driver.find_elements(By.CSS_SELECTOR, "input[name=projections]"):
        box.send_keys(Keys.SPACE)
    for field, value in (("complete-field-exposure-kilovolts", "125"), ("complete-field-exposure-milliampereSeconds", "2.5"),
                         ("complete-field-exposure-doseAreaProductGyCm2", "0.08"), ("complete-field-exposure-exposureIndex", "310")):
        driver.find_element(By.ID, field).send_keys(value)
    submit(driver, "complete-submit", "Exam completed")
    sign_out(driver)

    # Radiographer: discharge refused before the image check; the check; discharge.
    sign_in(driver, config["radiographer"])
    open_page(driver, f"/exams/{exam}")
    discharge = driver.find_element(By.ID, "discharge-submit")
    check(not discharge.is_enabled(), "discharge is closed before the image check")
    force(driver, discharge)
    refused(driver, "discharge before the image check is refused")
    check(exam_state(driver) == "completed", "the patient was not discharged")
    # The image check, in the viewer: the exam's images open on its first image, drawn on the canvas.
    follow(driver, driver.find_element(By.ID, "open-images").click)
    viewer = driver.find_element(By.ID, "viewer")
    wait(driver, lambda d: viewer.get_attribute("data-rendered") == config["examImage"], 15)
    drawn = driver.execute_script(
        "const c = document.getElementById('viewer-canvas');"
        "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        "let lit = 0; for (let i = 0; i < d.length; i += 4) if (d[i] > 0) lit++; return lit;")
    check(drawn > 1000, f"the radiographer sees the exam's image in the viewer ({drawn} pixels lit)")
    open_page(driver, f"/exams/{exam}")
    driver.find_element(By.ID, "image-check-field-diagnostic-true").send_keys(Keys.SPACE)
    submit(driver, "image-check-submit", "Image check recorded")
    shot(driver, "exam")
    accessible(driver, "the exam page")
    submit(driver, "discharge-submit", "Patient discharged")
    contrast_check(driver)
    sign_out(driver)

    # Radiologist: report with an alert category, then verify.
    sign_in(driver, config["radiologist"])
    check(f"/exams/{exam}" in driver.find_element(By.ID, "reporting").get_attribute("innerHTML"),
          "the exam is in the radiologist's reports due")
    open_page(driver, f"/exams/{exam}")
    driver.find_element(By.ID, "report-field-text").send_keys("Right lower lobe consolidation.")
    Select(driver.find_element(By.ID, "report-field-alert")).select_by_value("urgent")
    submit(driver, "report-submit", "Report saved")
    submit(driver, "verify-submit", "Report verified")
    check(exam_state(driver) == "report verified", "the report is verified")
    open_page(driver, "/")
    check("Urgent" in driver.page_source and "Alerts to acknowledge" in driver.page_source,
          "the radiologist's home shows the alert")
    shot(driver, "home-radiologist")
    accessible(driver, "the radiologist's home")
    sign_out(driver)
    administration(driver)


def administration(driver):
    """The catalogue import's progress, followed by the page script until the result replaces it."""
    sign_in(driver, config["admin"])
    open_page(driver, "/admin/catalogue")
    driver.find_element(By.ID, "field-csv").send_keys(config["catalogueCSV"])
    follow(driver, driver.find_element(By.ID, "import").click)
    outcome = wait(driver, EC.presence_of_element_located((By.ID, "import-outcome")))
    check("Finished: 32 added, 1 updated, 3 refused" in outcome.text,
          "the catalogue import's result replaced its progress")
    shot(driver, "catalogue-import")
    accessible(driver, "the catalogue import")
    open_page(driver, "/audit")
    shot(driver, "audit")
    accessible(driver, "the audit log")
    sign_out(driver)


if __name__ == "__main__":
    try:
        run()
    except CheckFailed as failure:
        print("FAILED:", failure, file=sys.stderr)
        sys.exit(1)
