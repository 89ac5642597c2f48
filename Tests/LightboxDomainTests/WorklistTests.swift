import Foundation
import LightboxDomain
import Testing

@Suite("The modality worklist, its Study Instance UID and a suspended room's exams")
struct WorklistTests {
    @Test("Booking assigns a Study Instance UID once; re-booking keeps it")
    func studyInstanceUID() async throws {
        let f = try await Fixture.make()
        let justified = try await f.exam(at: .justified)
        #expect(justified.studyInstanceUID == nil)
        let booked = try await f.book(justified)
        let uid = try #require(booked.studyInstanceUID)
        #expect(uid.hasPrefix("2.25.") && uid.count <= 64)
        #expect(uid.dropFirst(5).allSatisfy(\.isNumber) && !uid.dropFirst(5).hasPrefix("0"))
        let rebooked = try await f.department.rebookExam(
            .init(examID: booked.id, roomID: f.crRoom.id, scheduledAt: f.clock.now() + 7200, reason: "Patient asked"),
            by: f.supportWorker
        ).value
        #expect(rebooked.studyInstanceUID == uid)
        let other = try await f.exam(at: .booked)
        #expect(other.studyInstanceUID != uid)
    }

    @Test("A UID from a UUID is the UUID's 128 bits in decimal (PS3.5 §B.2)")
    func uuidDerivedUID() throws {
        let uuid = try #require(UUID(uuidString: "00000000-0000-0000-0000-0000000000FF"))
        #expect(StudyInstanceUID.make(from: uuid) == "2.25.255")
        let max = try #require(UUID(uuidString: "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"))
        #expect(StudyInstanceUID.make(from: max) == "2.25.340282366920938463463374607431768211455")
    }

    @Test("Exactly the justified, booked and unfinished exams are on the worklist")
    func exactlyBookedExams() async throws {
        let f = try await Fixture.make()
        var onList: Set<UUID> = []
        var offList: Set<UUID> = []
        for state in ExamState.allCases {
            let exam = try await f.exam(at: state)
            if state.isOnWorklist { onList.insert(exam.id) } else { offList.insert(exam.id) }
        }
        let items = try await f.department.viewWorklist(WorklistQuery(), by: f.radiographer).value
        #expect(Set(items.map(\.exam.id)) == onList)
        #expect(onList.count == 4 && offList.count == ExamState.allCases.count - 4)
        let viaList = try await f.department.listExams(ExamQuery(onWorklist: true), by: f.radiographer).value
        #expect(Set(viaList.map(\.id)) == onList)
    }

    @Test("Each item carries the patient, referrer, room, procedure, performer and step status")
    func itemContents() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient(sex: .female, age: 30, previousContrastReaction: true)
        let exam = try await f.justify(try await f.request("XCHEST", for: patient))
        _ = try await f.department.bookExam(
            .init(
                examID: exam.id, roomID: f.xrayRoom.id, scheduledAt: f.clock.now() + 3600,
                performingStaffID: f.radiographer2.staffID),
            by: f.supportWorker)
        var item = try #require(
            try await f.department.viewWorklist(
                WorklistQuery(accessionNumber: exam.accessionNumber), by: f.radiographer
            )
            .value.first)
        #expect(item.patient.id == patient.id)
        #expect(item.referrer.id == f.edDoctor.id)
        #expect(item.room.aeTitle == "XR1")
        #expect(item.procedure.code == "XCHEST")
        #expect(item.performingStaff?.id == f.radiographer2.staffID)
        #expect(item.stepStatus == .scheduled)
        #expect(item.requestedProcedureID == exam.accessionNumber)
        #expect(item.pregnancyStatus == PregnancyAnswer.no)
        #expect(item.allergies == ["Contrast media"])
        #expect(item.medicalAlerts.contains("Previous reaction to contrast"))
        _ = try await f.arrive(item.exam)
        item = try #require(
            try await f.department.viewWorklist(
                WorklistQuery(accessionNumber: exam.accessionNumber), by: f.radiographer
            )
            .value.first)
        #expect(item.stepStatus == .arrived)
    }

    @Test("The worklist narrows by station AE title, modality, room and appointment time")
    func filters() async throws {
        let f = try await Fixture.make()
        let xray = try await f.exam(at: .booked)
        let ct = try await f.exam("CHEADN", at: .booked)
        let d = f.department
        func ids(_ query: WorklistQuery) async throws -> Set<UUID> {
            Set(try await d.viewWorklist(query, by: f.radiographer).value.map(\.exam.id))
        }
        #expect(try await ids(WorklistQuery(stationAETitle: "XR1")) == [xray.id])
        #expect(try await ids(WorklistQuery(stationAETitle: "NOSUCH")) == [])
        #expect(try await ids(WorklistQuery(modality: .CT)) == [ct.id])
        #expect(try await ids(WorklistQuery(roomID: f.ctRoom.id)) == [ct.id])
        let at = try #require(xray.booking?.scheduledAt)
        #expect(try await ids(WorklistQuery(scheduledFrom: at, scheduledBefore: at + 1)).contains(xray.id))
        #expect(!(try await ids(WorklistQuery(scheduledFrom: at + 1)).contains(xray.id)))
        await f.expectRefused(.validationFailed) {
            _ = try await d.viewWorklist(WorklistQuery(limit: 0), by: f.radiographer)
        }
        await f.expectRefused(.permissionDenied) {
            _ = try await d.viewWorklist(
                WorklistQuery(), by: Actor(staffID: nil, username: "admin", role: .admin, door: .api))
        }
    }

    @Test("Reading the worklist is audited once per query")
    func audited() async throws {
        let f = try await Fixture.make()
        _ = try await f.exam(at: .booked)
        let before = await f.store.state.audit.count
        _ = try await f.department.viewWorklist(WorklistQuery(stationAETitle: "XR1"), by: f.radiographer)
        let audit = await f.store.state.audit
        #expect(audit.count == before + 1)
        #expect(audit.last?.action == "worklist.read")
        #expect(audit.last?.detail.contains("station XR1") == true)
    }

    @Test("A suspended room's booked exams leave the worklist at once and wait on the re-book list")
    func suspendedRoom() async throws {
        let f = try await Fixture.make()
        let booked = try await f.exam(at: .booked)
        let arrived = try await f.exam(at: .arrived)
        let ct = try await f.exam("CHEADN", at: .booked)
        let d = f.department
        _ = try await d.setRoomStatus(
            .init(roomID: f.xrayRoom.id, status: .suspended, reason: "Tube failure"), by: f.manager)
        let items = try await d.viewWorklist(WorklistQuery(), by: f.radiographer).value
        #expect(items.map(\.exam.id) == [ct.id])
        #expect(try await d.listExams(ExamQuery(onWorklist: true), by: f.radiographer).value.map(\.id) == [ct.id])
        let toRebook = try await d.listExamsToRebook(by: f.supportWorker).value
        #expect(Set(toRebook.map(\.exam.id)) == [booked.id, arrived.id])
        #expect(toRebook.allSatisfy { $0.room.statusReason == "Tube failure" })
        let audit = await f.store.state.audit.last { $0.action == "room.status-changed" }
        #expect(audit?.detail.contains("2 booked exams withdrawn from the worklist") == true)

        // Re-booked into another room, the exam is back on the worklist (same study) and off the list.
        let moved = try await d.rebookExam(
            .init(examID: booked.id, roomID: f.crRoom.id, scheduledAt: f.clock.now() + 7200, reason: "Room 1 down"),
            by: f.supportWorker
        ).value
        #expect(moved.studyInstanceUID == booked.studyInstanceUID)
        #expect(try await d.listExamsToRebook(by: f.supportWorker).value.map(\.exam.id) == [arrived.id])
        #expect(
            Set(try await d.viewWorklist(WorklistQuery(), by: f.radiographer).value.map(\.exam.id)) == [
                ct.id, booked.id,
            ])

        // Back in use: its remaining exam returns to the worklist.
        _ = try await d.setRoomStatus(.init(roomID: f.xrayRoom.id, status: .inUse), by: f.manager)
        #expect(try await d.listExamsToRebook(by: f.supportWorker).value.isEmpty)
        #expect(
            try await d.viewWorklist(WorklistQuery(stationAETitle: "XR1"), by: f.radiographer).value.map(\.exam.id) == [
                arrived.id
            ])
    }

    @Test("Booking names an active performer or is refused, changing nothing")
    func performer() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .justified)
        await f.expectRefused(.validationFailed) {
            _ = try await f.department.bookExam(
                .init(examID: exam.id, roomID: f.xrayRoom.id, scheduledAt: f.clock.now(), performingStaffID: UUID()),
                by: f.supportWorker)
        }
    }

    @Test("A room's AE title is set, cleared, validated and never shared")
    func roomAETitle() async throws {
        let f = try await Fixture.make()
        let d = f.department
        let ct = try await d.setRoomAETitle(.init(roomID: f.ctRoom.id, aeTitle: "CT1"), by: f.manager).value
        #expect(ct.aeTitle == "CT1")
        let stored = await f.store.state.audit.last
        #expect(stored?.action == "room.ae-title-changed")
        for bad in ["", "   ", "ABCDEFGHIJKLMNOPQ", "A\\B", "CT\u{7}"] {
            await f.expectRefused(.validationFailed) {
                _ = try await d.setRoomAETitle(.init(roomID: f.ctRoom.id, aeTitle: bad), by: f.manager)
            }
        }
        await f.expectRefused(.duplicate) {
            _ = try await d.setRoomAETitle(.init(roomID: f.ctRoom.id, aeTitle: "XR1"), by: f.manager)
        }
        await f.expectRefused(.duplicate) {
            _ = try await d.addRoom(.init(name: "X-ray 9", modality: .DX, aeTitle: "XR1"), by: f.manager)
        }
        await f.expectRefused(.permissionDenied) {
            _ = try await d.setRoomAETitle(.init(roomID: f.ctRoom.id, aeTitle: "CT2"), by: f.radiographer)
        }
        let cleared = try await d.setRoomAETitle(.init(roomID: f.ctRoom.id, aeTitle: nil), by: f.manager).value
        #expect(cleared.aeTitle == nil)
    }
}
