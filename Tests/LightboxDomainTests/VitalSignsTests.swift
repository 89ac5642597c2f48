import Foundation
import LightboxDomain
import Testing

/// Issue 15 item 1: observations with time and who measured; out-of-range values (NEWS2 score-0
/// bands by default, configurable) alert the supervising radiographer until acknowledged.
@Suite("Vital signs and deterioration")
struct VitalSignsTests {
    func normal(_ f: Fixture) -> VitalSigns {
        VitalSigns(
            respiratoryRate: 16, oxygenSaturation: 98, systolicPressure: 128, diastolicPressure: 80, pulse: 72,
            temperature: 36.8, alert: true, measuredAt: f.clock.now())
    }

    @Test("Normal observations are recorded with time and who measured, and raise no alert")
    func normalObservations() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .inProgress)
        let recorded = try await f.department.recordVitalSigns(
            .init(examID: exam.id, vitalSigns: normal(f)), by: f.radiographer
        ).value
        #expect(recorded.vitalSigns.count == 1)
        #expect(recorded.vitalSigns.first?.measuredBy == f.radiographer.staffID)
        #expect(recorded.vitalSignsAlerts.isEmpty)
        #expect(await f.store.state.audit.last?.action == "exam.vital-signs")
    }

    @Test("Each NEWS2 score-0 boundary: inside is normal, one step outside alerts")
    func boundaries() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .inProgress)
        let cases: [(WritableKeyPath<VitalSigns, Int?>, inside: Int, outside: Int)] = [
            (\.respiratoryRate, 12, 11), (\.respiratoryRate, 20, 21), (\.oxygenSaturation, 96, 95),
            (\.systolicPressure, 111, 110), (\.systolicPressure, 219, 220), (\.pulse, 51, 50), (\.pulse, 90, 91),
        ]
        var alerts = 0
        for (path, inside, outside) in cases {
            var signs = normal(f)
            signs[keyPath: path] = inside
            var after = try await f.department.recordVitalSigns(
                .init(examID: exam.id, vitalSigns: signs), by: f.radiographer
            ).value
            #expect(after.vitalSignsAlerts.count == alerts, "\(inside) is within range")
            signs[keyPath: path] = outside
            after = try await f.department.recordVitalSigns(
                .init(examID: exam.id, vitalSigns: signs), by: f.radiographer
            ).value
            alerts += 1
            #expect(after.vitalSignsAlerts.count == alerts, "\(outside) is out of range")
        }
        for (temperature, raises) in [(36.1, false), (38.0, false), (36.0, true), (38.1, true)] {
            var signs = normal(f)
            signs.temperature = temperature
            let after = try await f.department.recordVitalSigns(
                .init(examID: exam.id, vitalSigns: signs), by: f.radiographer
            ).value
            if raises { alerts += 1 }
            #expect(after.vitalSignsAlerts.count == alerts, "\(temperature) °C")
        }
    }

    @Test("NEWS2 5 or more, or 3 in one parameter, is urgent; the alert goes to the supervising radiographer")
    func urgentAndAddressed() async throws {
        let f = try await Fixture.make()
        let checked = try await f.exam(at: .checked)
        let exam = try await f.start(checked, by: f.assistant, supervisor: f.radiographer2.staffID)
        var mild = normal(f)
        mild.pulse = 95  // NEWS2 1
        var after = try await f.department.recordVitalSigns(.init(examID: exam.id, vitalSigns: mild), by: f.assistant)
            .value
        #expect(after.vitalSignsAlerts.last?.urgent == false)
        #expect(after.vitalSignsAlerts.last?.news2Score == 1)
        #expect(after.vitalSignsAlerts.last?.addressedTo == f.radiographer2.staffID)
        var single = normal(f)
        single.systolicPressure = 88  // 3 in one parameter
        after = try await f.department.recordVitalSigns(.init(examID: exam.id, vitalSigns: single), by: f.assistant)
            .value
        #expect(after.vitalSignsAlerts.last?.urgent == true)
        var total = normal(f)
        total.respiratoryRate = 22  // 2
        total.pulse = 112  // 2
        total.temperature = 38.5  // 1
        after = try await f.department.recordVitalSigns(.init(examID: exam.id, vitalSigns: total), by: f.assistant)
            .value
        #expect(after.vitalSignsAlerts.last?.news2Score == 5)
        #expect(after.vitalSignsAlerts.last?.urgent == true)
    }

    @Test("Ranges are configuration: a department's own pulse range")
    func configuredRanges() async throws {
        let f = try await Fixture.make(
            configuration: DepartmentConfiguration(vitalSignRanges: VitalSignRanges(pulse: 50...100)))
        let exam = try await f.exam(at: .inProgress)
        var signs = normal(f)
        signs.pulse = 95
        let after = try await f.department.recordVitalSigns(
            .init(examID: exam.id, vitalSigns: signs), by: f.radiographer
        )
        .value
        #expect(after.vitalSignsAlerts.isEmpty)
    }

    @Test("An alert stays open on the list until a radiographer acknowledges it; acknowledgement is audited")
    func acknowledgement() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .inProgress)
        var signs = normal(f)
        signs.oxygenSaturation = 91
        let raised = try await f.department.recordVitalSigns(
            .init(examID: exam.id, vitalSigns: signs), by: f.radiographer
        )
        .value
        let alert = try #require(raised.vitalSignsAlerts.first)
        #expect(try await f.department.listOpenAlerts(by: f.radiographer).value.map(\.examID) == [exam.id])
        await f.expectRefused(.permissionDenied) {
            _ = try await f.department.acknowledgeVitalSignsAlert(
                .init(examID: exam.id, alertID: alert.id), by: f.supportWorker)
        }
        await f.expectRefused(.notFound) {
            _ = try await f.department.acknowledgeVitalSignsAlert(
                .init(examID: exam.id, alertID: UUID()), by: f.radiographer)
        }
        f.clock.advance(days: 1.0 / 24)
        let acknowledged = try await f.department.acknowledgeVitalSignsAlert(
            .init(examID: exam.id, alertID: alert.id, action: "Medical team called"), by: f.radiographer2
        ).value
        #expect(acknowledged.vitalSignsAlerts.first?.acknowledgedBy == f.radiographer2.staffID)
        #expect(acknowledged.vitalSignsAlerts.first?.acknowledgedAt == f.clock.now())
        #expect(await f.store.state.audit.last?.action == "exam.vital-signs-alert-acknowledged")
        #expect(try await f.department.listOpenAlerts(by: f.radiographer).value.isEmpty)
        await f.expectRefused(.transitionNotAllowed) {
            _ = try await f.department.acknowledgeVitalSignsAlert(
                .init(examID: exam.id, alertID: alert.id), by: f.radiographer)
        }
    }

    @Test("Implausible or empty observations, and observations before arrival, are refused")
    func refusals() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .inProgress)
        let error = await f.expectRefused(.validationFailed) {
            _ = try await f.department.recordVitalSigns(
                .init(
                    examID: exam.id,
                    vitalSigns: VitalSigns(oxygenSaturation: 140, pulse: 900, measuredAt: f.clock.now())),
                by: f.radiographer)
        }
        #expect(Set(error?.fields.map(\.field) ?? []) == ["vitalSigns.oxygenSaturation", "vitalSigns.pulse"])
        await f.expectRefused(.validationFailed) {
            _ = try await f.department.recordVitalSigns(
                .init(examID: exam.id, vitalSigns: VitalSigns(measuredAt: f.clock.now())), by: f.radiographer)
        }
        let booked = try await f.exam(at: .booked)
        await f.expectRefused(.transitionNotAllowed) {
            _ = try await f.department.recordVitalSigns(
                .init(examID: booked.id, vitalSigns: normal(f)), by: f.radiographer)
        }
    }
}
