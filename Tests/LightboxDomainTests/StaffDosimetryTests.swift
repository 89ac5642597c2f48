import Foundation
import LightboxDomain
import Testing

/// Personal dosemeter readings per wearer and period, investigation levels from the configuration, investigations
/// opened for the physicist and closed by a clinical scientist, classified workers; all audited.
@Suite("Staff dosimetry")
struct StaffDosimetryTests {
    func month(_ m: Int) throws -> (CalendarDate, CalendarDate) {
        (try CalendarDate(year: 2026, month: m, day: 1), try CalendarDate(year: 2026, month: m, day: 28))
    }

    @Test("Each site against its level, both sides: above opens an investigation, at the level does not")
    func levels() async throws {
        let f = try await Fixture.make()
        let wearer = try #require(f.radiographer.staffID)
        let cases: [(DosemeterSite, Double, Bool)] = [
            (.wholeBody, 0.5, false), (.wholeBody, 0.51, true),
            (.extremity, 15, false), (.extremity, 15.2, true),
            (.eye, 1.5, false), (.eye, 1.6, true),
        ]
        for (index, (site, dose, opens)) in cases.enumerated() {
            let (periodStart, periodEnd) = try month(index + 1)
            let reading = try await f.department.recordDosemeterReading(
                .init(
                    staffID: wearer, site: site, periodStart: periodStart, periodEnd: periodEnd, doseMilliSievert: dose),
                by: f.physicistActor)
            #expect((reading.investigationID != nil) == opens, "\(site) \(dose)")
        }
        let overview = try await f.department.viewStaffDosimetry(by: f.physicistActor)
        #expect(overview.investigations.count == 3 && overview.investigations.allSatisfy(\.isOpen))
        #expect(
            overview.investigations.map(\.arithmetic).contains(
                "Whole body, Hp(10) 0.51 mSv > investigation level 0.5 mSv"))
        #expect(overview.readings.count == 6 && overview.readings.first?.periodStart.month == 6)
        let wholeBody = try #require(overview.totals.first { $0.site == .wholeBody })
        #expect(abs(wholeBody.totalMilliSievert - 1.01) < 1e-9 && wholeBody.readings == 2 && wholeBody.year == 2026)
        let audit = await f.store.state.audit.map(\.action)
        #expect(audit.filter { $0 == "staff-dose.recorded" }.count == 6)
        #expect(audit.filter { $0 == "staff-dose.investigation-opened" }.count == 3)
    }

    @Test("The levels are configuration")
    func levelsAreConfiguration() async throws {
        var configuration = DepartmentConfiguration.default
        configuration.staffDoseInvestigationLevels.wholeBodyMilliSievert = 0.2
        let f = try await Fixture.make(configuration: configuration)
        let (start, end) = try month(3)
        let reading = try await f.department.recordDosemeterReading(
            .init(
                staffID: try #require(f.radiographer.staffID), site: .wholeBody, periodStart: start, periodEnd: end,
                doseMilliSievert: 0.3), by: f.manager)
        #expect(reading.investigationID != nil)
        #expect(Threshold.named("staffDoseInvestigationLevels.wholeBodyMilliSievert") != nil)
    }

    @Test("Wrong readings are refused, naming each problem, and change nothing")
    func refusals() async throws {
        let f = try await Fixture.make()
        let wearer = try #require(f.radiographer.staffID)
        let (start, end) = try month(5)
        _ = try await f.department.recordDosemeterReading(
            .init(staffID: wearer, site: .eye, periodStart: start, periodEnd: end, doseMilliSievert: 0.1),
            by: f.physicistActor)
        let future = try CalendarDate(year: 2026, month: 12, day: 31)
        let cases: [(RecordDosemeterReading.Command, [String])] = [
            (
                .init(staffID: UUID(), site: .eye, periodStart: start, periodEnd: end, doseMilliSievert: 0.1),
                ["staffID"]
            ),
            (
                .init(staffID: wearer, site: .wholeBody, periodStart: end, periodEnd: start, doseMilliSievert: 0.1),
                ["periodEnd"]
            ),
            (
                .init(staffID: wearer, site: .wholeBody, periodStart: start, periodEnd: future, doseMilliSievert: 0.1),
                ["periodEnd"]
            ),
            (
                .init(staffID: wearer, site: .wholeBody, periodStart: start, periodEnd: end, doseMilliSievert: -1),
                ["doseMilliSievert"]
            ),
            (
                .init(staffID: wearer, site: .eye, periodStart: start, periodEnd: end, doseMilliSievert: 0.2),
                ["periodStart"]
            ),
        ]
        for (command, fields) in cases {
            let error = await f.expectRefused(.validationFailed) {
                _ = try await f.department.recordDosemeterReading(command, by: f.physicistActor)
            }
            #expect(error?.fields.map(\.field) == fields, "\(String(describing: error))")
        }
        _ = await f.expectRefused(.permissionDenied) {
            _ = try await f.department.recordDosemeterReading(
                .init(staffID: wearer, site: .wholeBody, periodStart: start, periodEnd: end, doseMilliSievert: 0.1),
                by: f.radiographer)
        }
    }

    @Test("The physicist closes an investigation with findings; only a clinical scientist, only once")
    func closeInvestigation() async throws {
        let f = try await Fixture.make()
        let physicist = try await f.mpe()
        let (start, end) = try month(9)
        let reading = try await f.department.recordDosemeterReading(
            .init(
                staffID: try #require(f.radiographer.staffID), site: .wholeBody, periodStart: start, periodEnd: end,
                doseMilliSievert: 2.4, dosemeterReference: "TLD-0042"), by: f.manager)
        let investigationID = try #require(reading.investigationID)
        let command = CloseStaffDoseInvestigation.Command(
            investigationID: investigationID, findings: "Badge left on the C-arm over a weekend; dose not received",
            doseConfirmed: false)
        _ = await f.expectRefused(.permissionDenied) {
            _ = try await f.department.closeStaffDoseInvestigation(command, by: f.manager)
        }
        _ = await f.expectRefused(.noStaffRecord) {
            _ = try await f.department.closeStaffDoseInvestigation(command, by: f.physicistActor)
        }
        let empty = await f.expectRefused(.validationFailed) {
            _ = try await f.department.closeStaffDoseInvestigation(
                .init(investigationID: investigationID, findings: " ", doseConfirmed: true), by: physicist)
        }
        #expect(empty?.fields.map(\.field) == ["findings"])
        let closed = try await f.department.closeStaffDoseInvestigation(command, by: physicist)
        #expect(!closed.isOpen && closed.closedByName == "Priya Nair" && closed.doseConfirmed == false)
        _ = await f.expectRefused(.transitionNotAllowed) {
            _ = try await f.department.closeStaffDoseInvestigation(command, by: physicist)
        }
        let audit = try #require(await f.store.state.audit.last)
        #expect(audit.action == "staff-dose.investigation-closed" && audit.detail.contains("Badge left on the C-arm"))
    }

    @Test("Classified workers: designated and undesignated with a reason, the latest in force, shown in totals")
    func classification() async throws {
        let f = try await Fixture.make()
        let wearer = try #require(f.radiographer.staffID)
        let (start, end) = try month(2)
        _ = try await f.department.recordDosemeterReading(
            .init(staffID: wearer, site: .extremity, periodStart: start, periodEnd: end, doseMilliSievert: 3),
            by: f.physicistActor)
        _ = try await f.department.classifyWorker(
            .init(staffID: wearer, classified: true, from: start, reason: "Interventional list, RPA advice"),
            by: f.manager)
        var overview = try await f.department.viewStaffDosimetry(staffID: wearer, by: f.physicistActor)
        #expect(overview.classifications.map(\.classified) == [true])
        #expect(overview.totals.first?.classified == true)
        _ = try await f.department.classifyWorker(
            .init(staffID: wearer, classified: false, from: end, reason: "Left the interventional list"), by: f.manager)
        overview = try await f.department.viewStaffDosimetry(staffID: wearer, by: f.physicistActor)
        #expect(overview.classifications.map(\.classified) == [false] && overview.totals.first?.classified == false)
        let refused = await f.expectRefused(.validationFailed) {
            _ = try await f.department.classifyWorker(
                .init(staffID: wearer, classified: true, from: start, reason: ""), by: f.manager)
        }
        #expect(refused?.fields.map(\.field) == ["reason"])
        #expect(await f.store.state.audit.filter { $0.action == "staff-dose.classification-changed" }.count == 2)
    }
}
