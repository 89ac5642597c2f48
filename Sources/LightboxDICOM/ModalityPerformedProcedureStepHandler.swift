import DICOM
import DICOMNetwork
import Foundation
import LightboxDomain

/// Modality Performed Procedure Step SCP (PS3.4 Annex F, SOP class 1.2.840.10008.3.1.2.3.3).
/// N-CREATE IN PROGRESS starts the exam through `StartExam` (the API's use case, with its rules; a start
/// that breaks one is accepted and flagged outside the pathway, as a modality cannot be stopped by our
/// answer); a step naming an exam Lightbox does not know is accepted and held on the reconciliation list
/// until a radiographer links it (`ReceiveModalityStep`); N-SET COMPLETED completes it through `CompleteExam`
/// with the series and dose figures of the step; N-SET DISCONTINUED records the reason through `DiscontinueExam`; an N-SET without a final
/// status records the series and dose figures sent so far. Statuses by PS3.4 §F.7.2.
public struct ModalityPerformedProcedureStepHandler: NServiceHandler {
    /// Modality Performed Procedure Step SOP Class.
    public static let sopClassUID = "1.2.840.10008.3.1.2.3.3"

    let department: Department

    public init(department: Department) {
        self.department = department
    }

    public var sopClassUIDs: [String] { [Self.sopClassUID] }

    public func handle(_ request: NServiceRequest) async throws -> NServiceReply {
        let actor = Actor.dicomPeer(request.association)
        switch request.commandField {
        case .nCreateRQ: return await create(request, actor: actor)
        case .nSetRQ: return await set(request, actor: actor)
        default: return Self.reply(.unrecognizedOperation, request, comment: "MPPS takes N-CREATE and N-SET only")
        }
    }

    /// PS3.4 §F.7.2.1: the step must be created IN PROGRESS, naming the scheduled exam.
    private func create(_ request: NServiceRequest, actor: Actor) async -> NServiceReply {
        let uid = request.sopInstanceUID ?? StudyInstanceUID.make(from: UUID())
        guard let encoded = request.dataSet, let set = try? encoded.dataSet() else {
            return Self.reply(.missingAttribute, request, uid: uid, comment: "N-CREATE carries no attribute list")
        }
        guard set.string(MWLTag.performedProcedureStepStatus)?.trimmingCharacters(in: .whitespaces) == "IN PROGRESS"
        else {
            return Self.reply(
                .invalidAttributeValue, request, uid: uid,
                comment: "Performed Procedure Step Status must be IN PROGRESS on N-CREATE")
        }
        guard set.sequence(MWLTag.scheduledStepAttributesSequence)?.isEmpty == false else {
            return Self.reply(
                .missingAttribute, request, uid: uid, comment: "Scheduled Step Attributes Sequence is missing")
        }
        let start = ModalityStepTranslation.start(
            set, sopInstanceUID: uid, callingAETitle: request.association.callingAETitle)
        do {
            _ = try await department.receiveModalityStep.created(
                start, subject: ModalityStepTranslation.subject(set), by: actor)
            return Self.reply(.success, request, uid: uid)
        } catch {
            return Self.reply(error, request, uid: uid)
        }
    }

    /// PS3.4 §F.7.2.2: changes while IN PROGRESS; COMPLETED or DISCONTINUED ends the step, after which
    /// nothing may change (0110H, Error ID A710H).
    private func set(_ request: NServiceRequest, actor: Actor) async -> NServiceReply {
        guard let uid = request.sopInstanceUID else {
            return Self.reply(.missingAttribute, request, comment: "N-SET names no Requested SOP Instance UID")
        }
        let set: DataSet
        do {
            set = try request.dataSet?.dataSet() ?? DataSet()
        } catch {
            return Self.reply(.invalidAttributeValue, request, uid: uid, comment: "The attribute list cannot be read")
        }
        let end = ModalityStepTranslation.end(set, sopInstanceUID: uid)
        let status: ModalityProcedureStep.Status
        switch set.string(MWLTag.performedProcedureStepStatus)?.trimmingCharacters(in: .whitespaces) {
        case "COMPLETED": status = .completed
        case "DISCONTINUED": status = .discontinued
        case nil, "", "IN PROGRESS": status = .inProgress
        case let other?:
            return Self.reply(
                .invalidAttributeValue, request, uid: uid,
                comment: "Performed Procedure Step Status \(other) is not IN PROGRESS, COMPLETED or DISCONTINUED")
        }
        do {
            _ = try await department.receiveModalityStep.updated(end, status: status, by: actor)
            return Self.reply(.success, request, uid: uid)
        } catch {
            return Self.reply(error, request, uid: uid)
        }
    }

    /// The domain's refusal as an MPPS status: unknown step 0112H, duplicate 0111H, a closed step 0110H
    /// with Error ID A710H, not allowed 0124H, anything else 0110H with the reason in Error Comment.
    static func reply(_ error: any Error, _ request: NServiceRequest, uid: String) -> NServiceReply {
        guard let error = error as? DomainError else {
            return reply(.processingFailure, request, uid: uid, comment: "Lightbox could not record the step")
        }
        switch error.code {
        case .modalityStepUnknown: return reply(.noSuchSOPInstance, request, uid: uid, comment: error.message)
        case .duplicate: return reply(.duplicateSOPInstance, request, uid: uid, comment: error.message)
        case .modalityStepClosed:
            return reply(.processingFailure, request, uid: uid, comment: error.message, errorID: 0xA710)
        case .permissionDenied: return reply(.notAuthorized, request, uid: uid, comment: error.message)
        default: return reply(.processingFailure, request, uid: uid, comment: error.message)
        }
    }

    static func reply(
        _ status: DIMSEStatus, _ request: NServiceRequest, uid: String? = nil, comment: String? = nil,
        errorID: UInt16? = nil
    ) -> NServiceReply {
        NServiceReply(
            response: NServiceResponse(
                status: status, sopInstanceUID: uid ?? request.sopInstanceUID,
                errorComment: status == .success ? nil : comment, errorID: errorID))
    }
}
