import Foundation
import LightboxDomain
import Testing

/// Issue 15 item 2: the operator or image checker flags a possible finding; a report's alert
/// escalates on its category's clock until the referrer's team acknowledges it, and the
/// acknowledgement is audited with its time.
@Suite("Urgent and unexpected findings")
struct FindingAlertTests {
    /// A verified report with the given alert, verified now.
    func verified(_ f: Fixture, _ alert: FindingAlert) async throws -> Exam {
        let exam = try await f.exam(at: .discharged)
        _ = try await f.department.recordReport(
            .init(examID: exam.id, text: "Large left pneumothorax.", alert: alert), by: f.radiologist)
        return try await f.department.verifyReport(.init(examID: exam.id), by: f.radiologist).value
    }

    @Test("The operator or an image checker flags a possible finding for the reporter; others may not")
    func flagFinding() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .inProgress)
        let flagged = try await f.department.flagFinding(
            .init(examID: exam.id, note: "? pneumothorax left apex", suggestedCategory: .critical), by: f.radiographer
        ).value
        #expect(flagged.findingFlags.first?.flaggedBy == f.radiographer.staffID)
        #expect(flagged.findingFlags.first?.suggestedCategory == .critical)
        #expect(await f.store.state.audit.last?.action == "exam.finding-flagged")
        // A radiologist entitled to check the images, though not there.
        _ = try await f.department.flagFinding(.init(examID: exam.id, note: "Rib fracture?"), by: f.radiologist)
        await f.expectRefused(.permissionDenied) {
            _ = try await f.department.flagFinding(.init(examID: exam.id, note: "x"), by: f.supportWorker)
        }
        await f.expectRefused(.validationFailed) {
            _ = try await f.department.flagFinding(.init(examID: exam.id, note: "  "), by: f.radiographer)
        }
        let checked = try await f.exam(at: .checked)
        await f.expectRefused(.transitionNotAllowed) {
            _ = try await f.department.flagFinding(.init(examID: checked.id, note: "x"), by: f.radiographer)
        }
    }

    @Test("An unacknowledged critical alert escalates each hour; each level is audited once")
    func criticalEscalates() async throws {
        let f = try await Fixture.make()
        let exam = try await verified(f, .critical)
        var open = try await f.department.listOpenAlerts(by: f.manager).value
        #expect(open.map(\.examID) == [exam.id])
        #expect(open.first?.escalationLevel == 0)
        #expect(open.first?.escalatesAt == f.clock.now() + 3600)
        #expect(try await f.department.escalateOverdueAlerts(by: f.manager).value.isEmpty)

        f.clock.advance(days: 61.0 / 1440)
        let first = try await f.department.escalateOverdueAlerts(by: f.manager).value
        #expect(first.map(\.report?.alertEscalationLevel) == [1])
        #expect(try await f.department.escalateOverdueAlerts(by: f.manager).value.isEmpty, "audited once per level")
        f.clock.advance(days: 1.0 / 24)
        let second = try await f.department.escalateOverdueAlerts(by: f.manager).value
        #expect(second.map(\.report?.alertEscalationLevel) == [2])
        let escalations = await f.store.state.audit.filter { $0.action == "report.alert-escalated" }
        #expect(escalations.count == 2)
        open = try await f.department.listOpenAlerts(by: f.manager).value
        #expect(open.first?.escalationLevel == 2)
    }

    @Test("The clocks are configuration; cancer counts working days")
    func clocks() async throws {
        let f = try await Fixture.make(configuration: DepartmentConfiguration(alertClocks: AlertClocks(urgentHours: 4)))
        _ = try await verified(f, .urgent)
        let urgent = try await f.department.listOpenAlerts(by: f.manager).value.first
        #expect(urgent?.escalatesAt == f.clock.now() + 4 * 3600)

        let g = try await Fixture.make()
        // Friday 27 November 2026, 10:00: two working days later is Tuesday 1 December.
        g.clock.set(Fixture.start + 3 * 86_400)
        let cancer = try await verified(g, .cancer)
        let alert = try await g.department.listOpenAlerts(by: g.manager).value.first { $0.examID == cancer.id }
        #expect(alert?.escalatesAt == Fixture.start + 7 * 86_400)
    }

    @Test("Only the referrer's team acknowledges; the time is audited and escalation stops")
    func acknowledgement() async throws {
        let f = try await Fixture.make()
        let exam = try await verified(f, .critical)
        var otherReferrer = f.referrerActor
        otherReferrer.referrerID = f.gp.id
        await f.expectRefused(.referrerNotOwn) {
            _ = try await f.department.acknowledgeReportAlert(.init(examID: exam.id), by: otherReferrer)
        }
        await f.expectRefused(.referrerNotOwn) {
            _ = try await f.department.acknowledgeReportAlert(.init(examID: exam.id), by: f.radiologist)
        }
        f.clock.advance(days: 20.0 / 1440)
        let acknowledged = try await f.department.acknowledgeReportAlert(
            .init(examID: exam.id, action: "Patient recalled to ED"), by: f.referrerActor
        ).value
        #expect(acknowledged.report?.alertAcknowledgedAt == f.clock.now())
        #expect(acknowledged.report?.alertAcknowledgedBy == f.referrerActor.username)
        let entry = await f.store.state.audit.last
        #expect(entry?.action == "report.alert-acknowledged")
        #expect(entry?.detail.contains("20 minutes after verification") == true, "\(entry?.detail ?? "")")
        await f.expectRefused(.transitionNotAllowed) {
            _ = try await f.department.acknowledgeReportAlert(.init(examID: exam.id), by: f.orders)
        }
        f.clock.advance(days: 1)
        #expect(try await f.department.escalateOverdueAlerts(by: f.manager).value.isEmpty)
        #expect(try await f.department.listOpenAlerts(by: f.manager).value.isEmpty)
        // A report without an alert has nothing to acknowledge.
        let plain = try await f.exam(at: .reportVerified)
        await f.expectRefused(.transitionNotAllowed) {
            _ = try await f.department.acknowledgeReportAlert(.init(examID: plain.id), by: f.orders)
        }
    }
}
