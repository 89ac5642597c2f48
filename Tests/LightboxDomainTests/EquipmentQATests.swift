import Foundation
import LightboxDomain
import Testing

/// Issue 17's rules in the domain: QA grading against the catalogue's levels, the QA hold on a room against a
/// manager, and the clean after an isolation patient enforced on a modality's start (the DICOM door) too.
@Suite("Equipment QA and infection control rules")
struct EquipmentQATests {
    static let physicist = Actor(staffID: nil, username: "mpe", role: .physicist, door: .api)
    let rad = PersonName(family: "Rad", given: ["Test"])

    @Test("Values are graded pass, remedial or suspension against the shipped IPEM Report 91 levels")
    func grading() throws {
        let tests = Dictionary(uniqueKeysWithValues: QATest.defaults.map { ($0.code, $0) })
        let mean = try #require(tests["CT-WATER-MEAN"])
        #expect([3, -4, 4].map(mean.grade) == [.pass, .pass, .pass])
        #expect([-6, 4.5, 10].map(mean.grade) == [.remedial, .remedial, .remedial])
        #expect([-10.5, 12].map(mean.grade) == [.suspension, .suspension])
        let noise = try #require(tests["CT-WATER-NOISE"])
        #expect([1, 5.6, 7.1].map(noise.grade) == [.pass, .remedial, .suspension])
        #expect(try #require(tests["DX-KV-ACCURACY"]).applies(to: .CR))
        #expect(!mean.applies(to: .DX))
        #expect(QALimits(upper: 5).description == "at most 5" && QALimits.around(0, 4).description == "-4 to 4")
    }

    @Test("Service hours name their problems and read as staff say them")
    func serviceHours() {
        #expect(ServiceHours(days: [1, 2, 3, 4, 5], opens: 8, closes: 18).description == "Mon–Fri 08:00 to 18:00")
        #expect(ServiceHours.everyDay(8...20).description == "every day 08:00 to 20:00")
        #expect(ServiceHours(days: [6, 7], opens: 9, closes: 13).description == "Sat, Sun 09:00 to 13:00")
        #expect(
            ServiceHours(days: [], opens: 25, closes: 2).problems.map(\.field) == [
                "serviceHours.days", "serviceHours.opens", "serviceHours.closes",
            ])
    }

    @Test("A manager cannot lift a QA suspension; a manager's own suspension outlasts the pass")
    func qaHold() async throws {
        let f = try await Fixture.make()
        let ct = try await f.department.addRoom(.init(name: "CT 2", modality: .CT), by: f.manager).value
        let failed = try await f.department.recordQAResult(
            .init(roomID: ct.id, testCode: "CT-WATER-MEAN", value: 15), by: Self.physicist)
        #expect(failed.value.grade == .suspension && failed.value.changedRoomStatus)
        await #expect(throws: DomainError.self) {
            _ = try await f.department.setRoomStatus(.init(roomID: ct.id, status: .inUse), by: f.manager)
        }
        _ = try await f.department.setRoomStatus(
            .init(roomID: ct.id, status: .suspended, reason: "Gantry cover loose"), by: f.manager)
        let passed = try await f.department.recordQAResult(
            .init(roomID: ct.id, testCode: "CT-WATER-MEAN", value: 1), by: Self.physicist)
        #expect(!passed.value.changedRoomStatus)
        let room = try #require(await f.store.state.rooms[ct.id])
        #expect(room.status == .suspended && room.qaSuspension == nil && room.statusReason == "Gantry cover loose")
    }

    @Test("A modality starting an exam in a room waiting for its clean is accepted and flagged outside the pathway")
    func cleanBeforeModalityStart() async throws {
        let f = try await Fixture.make()
        let first = try await f.exam(at: .checked)
        _ = try await f.department.flagIsolation(.init(examID: first.id, precaution: .airborne), by: f.manager)
        let started = try await f.department.startExam.fromModality(
            f.modalityStart(first, operatorName: rad), by: f.modality
        ).value
        #expect(started.outsidePathway == nil)
        let roomID = try #require(started.performance?.roomID)
        #expect(await f.store.state.rooms[roomID]?.cleaningDue?.examID == first.id)
        let second = try await f.exam(at: .checked)
        let flagged = try await f.department.startExam.fromModality(
            f.modalityStart(second, operatorName: rad), by: f.modality
        ).value
        #expect(flagged.outsidePathway?.breaches.map(\.code) == [.roomCleaningDue])
    }
}
