import Foundation
import LightboxDomain
import Testing

@Suite("Booking and rooms")
struct BookingTests {
    @Test(
        "An unjustified request cannot be booked", arguments: [ExamState.requested, .returnedForInformation, .rejected])
    func unjustified(_ state: ExamState) async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: state)
        await f.expectRefused(.notJustified) {
            _ = try await f.department.bookExam(
                .init(examID: exam.id, roomID: f.xrayRoom.id, scheduledAt: f.clock.now()), by: f.supportWorker)
        }
    }

    @Test("A suspended room takes no bookings")
    func suspended() async throws {
        let f = try await Fixture.make()
        _ = try await f.department.setRoomStatus(
            .init(roomID: f.xrayRoom.id, status: .suspended, reason: "Tube failure"), by: f.manager)
        let exam = try await f.exam(at: .justified)
        let error = await f.expectRefused(.roomSuspended) {
            _ = try await f.department.bookExam(
                .init(examID: exam.id, roomID: f.xrayRoom.id, scheduledAt: f.clock.now()), by: f.supportWorker)
        }
        #expect(error?.message.contains("Tube failure") == true)
    }

    @Test("The room must be of the exam's modality; CR and DX rooms both take plain films")
    func modality() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .justified)
        await f.expectRefused(.roomWrongModality) {
            _ = try await f.department.bookExam(
                .init(examID: exam.id, roomID: f.ctRoom.id, scheduledAt: f.clock.now()), by: f.supportWorker)
        }
        await f.expectRefused(.roomWrongModality) {
            _ = try await f.department.bookExam(
                .init(examID: exam.id, roomID: f.fluoroRoom.id, scheduledAt: f.clock.now()), by: f.supportWorker)
        }
        let booked = try await f.book(exam, room: f.crRoom)
        #expect(booked.state == .booked)
    }

    @Test("A restricted room takes only the exams it is restricted to")
    func restricted() async throws {
        let f = try await Fixture.make()
        _ = try await f.department.setRoomStatus(
            .init(
                roomID: f.xrayRoom.id, status: .restricted, reason: "Table out of action; erect work only",
                restrictedTo: [ExamScope(bodyRegion: .chest), ExamScope(bodyRegion: .upperLimb)]), by: f.manager)
        let pelvis = try await f.exam("XPELVI", at: .justified)
        await f.expectRefused(.roomRestricted) {
            _ = try await f.book(pelvis)
        }
        let wrist = try await f.exam("XWRIST", at: .justified)
        #expect(try await f.book(wrist).state == .booked)
    }

    @Test("Restricting or suspending a room needs a reason (and a list for restricted)")
    func statusNeedsReason() async throws {
        let f = try await Fixture.make()
        let error = await f.expectRefused(.validationFailed) {
            _ = try await f.department.setRoomStatus(.init(roomID: f.xrayRoom.id, status: .restricted), by: f.manager)
        }
        #expect(Set(error?.fields.map(\.field) ?? []) == ["reason", "restrictedTo"])
        await f.expectRefused(.permissionDenied) {
            _ = try await f.department.setRoomStatus(
                .init(roomID: f.xrayRoom.id, status: .suspended, reason: "x"), by: f.radiographer)
        }
    }

    @Test("Re-booking needs a reason, works after did-not-attend, and clears arrival and Pause and Check")
    func rebook() async throws {
        let f = try await Fixture.make()
        let dna = try await f.exam(at: .didNotAttend)
        #expect(dna.closureReason == "No show")
        await f.expectRefused(.validationFailed) {
            _ = try await f.department.rebookExam(
                .init(examID: dna.id, roomID: f.xrayRoom.id, scheduledAt: f.clock.now(), reason: " "),
                by: f.supportWorker)
        }
        let rebooked = try await f.department.rebookExam(
            .init(examID: dna.id, roomID: f.crRoom.id, scheduledAt: f.clock.now() + 86_400, reason: "Patient rang"),
            by: f.supportWorker)
        #expect(rebooked.value.state == .booked)
        let checked = try await f.exam(at: .checked)
        let again = try await f.department.rebookExam(
            .init(
                examID: checked.id, roomID: f.xrayRoom.id, scheduledAt: f.clock.now() + 86_400, reason: "Patient unwell"
            ),
            by: f.radiographer)
        #expect(again.value.pauseAndCheck == nil)
        #expect(again.value.arrivedAt == nil)
    }

    @Test("Cancel needs a reason and is refused once the exam has started")
    func cancel() async throws {
        let f = try await Fixture.make()
        let booked = try await f.exam(at: .booked)
        await f.expectRefused(.validationFailed) {
            _ = try await f.department.cancelExam(.init(examID: booked.id, reason: ""), by: f.radiographer)
        }
        let cancelled = try await f.department.cancelExam(
            .init(examID: booked.id, reason: "Clinically not needed"), by: f.radiographer)
        #expect(cancelled.value.state == .cancelled)
        for state in [ExamState.inProgress, .completed, .imagesChecked, .discharged] {
            let exam = try await f.exam(at: state)
            let error = await f.expectRefused(.transitionNotAllowed) {
                _ = try await f.department.cancelExam(
                    .init(examID: exam.id, reason: "Changed mind"), by: f.radiographer)
            }
            #expect(error?.message.contains("already started") == true)
        }
    }
}
