import Foundation
import LightboxDomain
import Testing

@Suite("The exam state machine")
struct StateMachineTests {
    /// Runs the use case that performs `action` on `exam`, with an otherwise valid command.
    func perform(_ action: ExamAction, on exam: Exam, _ f: Fixture) async throws {
        let d = f.department
        switch action {
        case .accept: _ = try await d.justifyRequest(.init(examID: exam.id, decision: .accept), by: f.radiologist)
        case .authorise:
            _ = try await d.justifyRequest(
                .init(examID: exam.id, decision: .accept, guideline: GuidelineReference(id: "G", version: "1")),
                by: f.radiographer)
        case .reject:
            _ = try await d.justifyRequest(.init(examID: exam.id, decision: .reject, reason: "No"), by: f.radiologist)
        case .returnForInformation:
            _ = try await d.justifyRequest(
                .init(examID: exam.id, decision: .requestInformation, reason: "Why?"), by: f.radiologist)
        case .changeExam:
            _ = try await d.justifyRequest(
                .init(examID: exam.id, decision: .changeExam, newExamCode: "XSCAPH", reason: "Scaphoid"),
                by: f.radiologist)
        case .resubmit:
            _ = try await d.resubmitRequest(.init(examID: exam.id, additionalInformation: "FOOSH"), by: f.referrerActor)
        case .book:
            _ = try await d.bookExam(
                .init(examID: exam.id, roomID: f.xrayRoom.id, scheduledAt: f.clock.now()), by: f.supportWorker)
        case .arrive: _ = try await d.recordArrival(.init(examID: exam.id), by: f.supportWorker)
        case .pauseAndCheck: _ = try await d.recordPauseAndCheck(f.goodCheck(exam), by: f.radiographer)
        case .start: _ = try await d.startExam(.init(examID: exam.id), by: f.radiographer)
        case .complete:
            _ = try await d.completeExam(
                .init(examID: exam.id, projections: [PerformedProjection(name: "PA")]), by: f.radiographer)
        case .acceptImages: _ = try await d.checkImages(.init(examID: exam.id, diagnostic: true), by: f.radiographer)
        case .requestRepeat:
            _ = try await d.checkImages(
                .init(
                    examID: exam.id, diagnostic: false,
                    rejects: [ImageReject(projection: "PA", reason: .exposure, repeated: true)]), by: f.radiographer)
        case .discharge: _ = try await d.dischargePatient(.init(examID: exam.id), by: f.radiographer)
        case .cancel: _ = try await d.cancelExam(.init(examID: exam.id, reason: "Duplicate"), by: f.radiographer)
        case .didNotAttend:
            _ = try await d.recordDidNotAttend(.init(examID: exam.id, reason: "No show"), by: f.supportWorker)
        case .rebook:
            _ = try await d.rebookExam(
                .init(examID: exam.id, roomID: f.xrayRoom.id, scheduledAt: f.clock.now(), reason: "Patient asked"),
                by: f.supportWorker)
        case .report: _ = try await d.recordReport(.init(examID: exam.id, text: "Normal."), by: f.radiologist)
        case .verifyReport: _ = try await d.verifyReport(.init(examID: exam.id), by: f.radiologist)
        case .startOutsidePathway:
            _ = try await d.startExam.fromModality(f.modalityStart(exam), by: f.modality)
        case .discontinue:
            _ = try await d.discontinueExam(.init(examID: exam.id, reason: "Patient unwell"), by: f.radiographer)
        }
    }

    /// The code a refused action gives from a state: the specific one where the desk needs to know
    /// what is missing, otherwise "transition not allowed".
    func expectedCode(_ action: ExamAction, from state: ExamState) -> DomainError.Code {
        switch (action, state) {
        case (.book, .requested), (.book, .returnedForInformation), (.book, .rejected): .notJustified
        case (.start, .booked), (.start, .arrived): .pauseAndCheckIncomplete
        case (.discharge, .inProgress), (.discharge, .completed), (.discharge, .discontinued): .imagesNotChecked
        default: .transitionNotAllowed
        }
    }

    @Test("Every action not in the machine is refused from every state, changing nothing")
    func everyForbiddenTransition() async throws {
        let f = try await Fixture.make()
        var refusals = 0
        for state in ExamState.allCases {
            let exam = try await f.exam("XWRIST", at: state)
            #expect(exam.state == state)
            for action in ExamAction.allCases {
                guard !action.allowedFrom.contains(state) else { continue }
                await f.expectRefused(expectedCode(action, from: state)) { try await perform(action, on: exam, f) }
                refusals += 1
            }
        }
        #expect(refusals > 150)
    }

    @Test("Every action in the machine succeeds from each state it allows")
    func everyAllowedTransition() async throws {
        let f = try await Fixture.make()
        for action in ExamAction.allCases {
            for state in action.allowedFrom.sorted(by: { $0.rawValue < $1.rawValue }) {
                // The fixture's radiographer authorises CT under guidelines, not plain film.
                let exam = try await f.exam(action == .authorise ? "CHEADN" : "XWRIST", at: state)
                try await perform(action, on: exam, f)
                let after = await f.store.state.exams[exam.id]
                #expect(after?.state == action.target, "\(action) from \(state)")
                #expect(after?.history.last?.action == action)
            }
        }
    }

    @Test("Cancel, did-not-attend and re-book are possible only before the exam is in progress")
    func closingOnlyBeforeStart() {
        let started: Set<ExamState> = [
            .inProgress, .completed, .imagesChecked, .discharged, .reported, .reportVerified,
        ]
        for action in [ExamAction.cancel, .didNotAttend, .rebook] {
            #expect(action.allowedFrom.isDisjoint(with: started))
        }
    }

    @Test("Terminal states allow nothing but re-booking after did-not-attend")
    func terminal() {
        for state in [ExamState.rejected, .cancelled, .reportVerified] {
            #expect(ExamAction.allCases.allSatisfy { !$0.allowedFrom.contains(state) })
        }
        #expect(
            ExamAction.allCases.filter { $0.allowedFrom.contains(.didNotAttend) }.map(\.target).sorted {
                $0.rawValue < $1.rawValue
            } == [.booked, .cancelled])
    }

    @Test("Only justified exams, not yet finished, are on a worklist")
    func worklist() {
        #expect(ExamState.allCases.filter(\.isOnWorklist) == [.booked, .arrived, .checked, .inProgress])
    }

    @Test("Every audit code is distinct")
    func auditCodes() {
        #expect(Set(ExamAction.allCases.map(\.auditCode)).count == ExamAction.allCases.count)
    }
}
