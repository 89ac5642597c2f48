import Foundation
import HTTPTypes
import HummingbirdTesting
import LightboxDomain
import LightboxTestSupport
import Testing

@testable import LightboxWeb

/// The reporter's pages: the worklist with its turnaround clocks, the report and its verification on the
/// exam page, and a report's alert shown until the referrer's team acknowledges it.
@Suite("Reporting pages")
struct ReportingPageTests {
    @Test("Turnaround clocks: the emergency, inpatient and standard targets come from the configuration")
    func turnaroundClocks() throws {
        var configuration = DepartmentConfiguration.default
        configuration.statisticsTargets.emergencyDepartmentHours = 4
        configuration.timeZoneIdentifier = "UTC"
        let now = PageModelTests.now  // Monday 2 March 2026, 09:00 UTC
        var emergency = PageModelTests.exam(.imagesChecked, requestedDaysAgo: 0.25)
        emergency.patientSource = .emergencyDepartment
        var inpatient = PageModelTests.exam(.discharged, requestedDaysAgo: 0.5)
        inpatient.patientSource = .inpatient
        let standard = PageModelTests.exam(.discharged, requestedDaysAgo: 30)
        let reported = PageModelTests.exam(.reported, alert: .cancer)
        let layout = LayoutModel(
            title: "Reporting", user: PageModelTests.user(.radiologist), policy: .default, csrfToken: "t",
            path: "/reporting", idleSeconds: 60)
        let model = ReportingPageModel(
            layout: layout, exams: [inpatient, emergency, standard, reported], alerts: [], patients: [:],
            canReport: true, canVerify: true, now: now, configuration: configuration, livePosition: "run-7")
        #expect(model.toReport.map(\.accessionNumber) == [standard, emergency, inpatient].map(\.accessionNumber))
        #expect(model.toReport.map(\.target) == ["Standard", "Emergency department", "Inpatient"])
        #expect(model.toReport[0].clock == "Overdue by 2 days" && model.toReport[0].overdue)
        #expect(model.toReport[1].clock == "Overdue by 2 hours" && model.toReport[1].overdue)
        #expect(model.toReport[2].clock.hasPrefix("Due in 12 hours") && !model.toReport[2].overdue)
        #expect(model.toVerify.map(\.alert) == ["Cancer"])
        #expect(model.targetsText.contains("emergency department 4 hours"))
        #expect(model.liveSource == "/live?after=run-7")

        let verifier = ReportingPageModel(
            layout: layout, exams: [standard, reported], alerts: [], patients: [:], canReport: false,
            canVerify: true, now: now, configuration: configuration, livePosition: nil)
        #expect(!verifier.showReport && verifier.toReport.isEmpty && verifier.hasToVerify)
    }

    @Test("Report and verify on the pages; the alert stays on the reporting page until the referrer acknowledges it")
    func reportVerifyAcknowledge() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            try await ReportTests.entitleRadiologistToReport(seeded)
            let exam = try await ReportTests.dischargedChest(path)
            try await PageTests.account(seeded, "p.shah", .radiologist, person: "radiologist")
            try await PageTests.account(seeded, "desk.worker", .supportWorker, person: "support")
            _ = try await seeded.auth.createAccount(
                username: "dr.adeyemi", role: .referrer, password: PageTests.password, staffID: nil,
                referrerID: seeded.referrer.id,
                by: Actor(staffID: nil, username: "test-setup", role: .admin, door: .system))

            var support = PageSession(client)
            _ = try await support.signIn("desk.worker", PageTests.password)
            #expect(try await support.get("/reporting").status == .forbidden)

            var radiologist = PageSession(client)
            _ = try await radiologist.signIn("p.shah", PageTests.password)
            let worklist = try await radiologist.get("/reporting")
            #expect(worklist.status == .ok && worklist.html.contains("href=\"/reporting\""))
            #expect(worklist.html.contains("/exams/\(exam)") && worklist.html.contains("Due in"))
            #expect(worklist.html.contains("data-live=\"/live?after="))

            let page = try await radiologist.get("/exams/\(exam)")
            let token = page.formToken ?? ""
            #expect(!page.html.contains("notApplicable") && page.html.contains("Not applicable (no side)"))
            let saved = try await radiologist.post(
                "/exams/\(exam)/report",
                [("_csrf", token), ("text", "Right lower lobe consolidation."), ("alert", "urgent")])
            #expect(saved.status == .seeOther)
            let toVerify = try await radiologist.get("/reporting")
            #expect(toVerify.html.contains("Waiting for verification") && toVerify.html.contains("Urgent"))
            #expect(!toVerify.html.contains("Alerts not yet acknowledged"), "not sent before verification")
            #expect(try await radiologist.post("/exams/\(exam)/verification", [("_csrf", token)]).status == .seeOther)
            let alerted = try await radiologist.get("/reporting")
            #expect(alerted.html.contains("Alerts not yet acknowledged") && alerted.html.contains("/exams/\(exam)"))
            #expect(try await radiologist.get("/exams/\(exam)").html.contains("Urgent alert, not yet acknowledged"))
            #expect(try await radiologist.get("/").html.contains("Alerts to acknowledge"))

            var referrer = PageSession(client)
            _ = try await referrer.signIn("dr.adeyemi", PageTests.password)
            let home = try await referrer.get("/")
            #expect(home.html.contains("/exams/\(exam)#acknowledge-report-alert"), "\(home.html)")
            let examPage = try await referrer.get("/exams/\(exam)")
            #expect(examPage.html.contains("Acknowledge alert"))
            let acknowledged = try await referrer.post(
                "/exams/\(exam)/report-alert-acknowledgement",
                [("_csrf", examPage.formToken ?? ""), ("action", "Patient recalled to clinic")])
            #expect(acknowledged.status == .seeOther)
            let after = try await referrer.get(acknowledged.headers[.location] ?? "")
            #expect(after.html.contains("Alert acknowledged") && after.html.contains("acknowledged by dr.adeyemi"))
            #expect(!(try await referrer.get("/").html.contains("Alerts to acknowledge")))
            #expect(!(try await radiologist.get("/reporting").html.contains("Alerts not yet acknowledged")))
            let stored = try await seeded.store.transaction { try await $0.exams.get(UUID(uuidString: exam)!) }
            #expect(stored?.report?.alertAcknowledgedBy == "dr.adeyemi")

            // Only the requesting referrer's team acknowledges: the radiologist gets no such form.
            #expect(!(try await radiologist.get("/exams/\(exam)").html.contains("Acknowledge alert")))
        }
    }
}
