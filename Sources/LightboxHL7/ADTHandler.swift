import HL7
import LightboxDomain

/// ADT events (HL7 v2.5.1 chapter 3): A01/A04/A05/A08/A28/A31 register or update the patient, A40 merges
/// the records named in MRG into the one in PID, A47 replaces the identifier in MRG-1 with the one in PID-3.
struct ADTHandler {
    static let demographicEvents: Set<String> = ["A01", "A04", "A05", "A08", "A28", "A31"]
    static let events = demographicEvents.union(["A40", "A47"])

    let department: Department
    let unit: any UnitOfWork
    let actor: Actor

    /// What an ADT message says of its patient, read from PID (and MSH-4) before the message's transaction:
    /// reading needs no database, so it does not hold up the one SQLite writer.
    struct Reading: Sendable {
        let details: PatientDetails
        let sendingFacility: String?
    }

    /// Reads the patient of `message`; throws the refusal the message gets when PID is missing or names no
    /// patient or identifier.
    static func read(_ message: Message) throws -> Reading {
        let sendingFacility = message.msh.sendingFacility.flatMap(PatientTranslation.authority)
        let pids = try message.all(PID.self)
        guard let pid = pids.first else {
            throw HL7Refusal.error(
                .segmentSequenceError, "PID segment missing", at: ErrorLocation(segmentID: "PID"),
                code: "hl7.pid-missing")
        }
        let patient = PatientTranslation(pid: pid, sendingFacility: sendingFacility)
        guard let details = patient.details else {
            throw HL7Refusal.error(
                .requiredFieldMissing, "PID-5 patient name (family name) missing",
                at: ErrorLocation(segmentID: "PID", field: 5), code: "hl7.name-missing")
        }
        if details.nhsNumber == nil && details.hospitalNumbers.isEmpty {
            throw HL7Refusal.error(
                .requiredFieldMissing, "PID-3 has no patient identifier with an assigning authority or NHS number",
                at: ErrorLocation(segmentID: "PID", field: 3), code: "hl7.identifier-missing")
        }
        return Reading(details: details, sendingFacility: sendingFacility)
    }

    /// Applies the message, read by ``read(_:)``; returns a note for MSA-3 when something was deliberately not
    /// done.
    func apply(_ message: Message, event: String, reading: Reading) async throws -> String? {
        let details = reading.details
        let sendingFacility = reading.sendingFacility
        switch event {
        case "A40":
            return try await merge(message, survivor: details, sendingFacility: sendingFacility)
        case "A47":
            try await changeIdentifier(message, details: details, sendingFacility: sendingFacility)
            return nil
        default:
            _ = try await department.receivePatientDemographics(details, by: actor)
            return nil
        }
    }

    private func merge(_ message: Message, survivor details: PatientDetails, sendingFacility: String?) async throws
        -> String?
    {
        let survivor = try await department.receivePatientDemographics(details, by: actor).value
        let merges = try message.all(MRG.self)
        guard !merges.isEmpty else {
            throw HL7Refusal.error(
                .segmentSequenceError, "MRG segment missing", at: ErrorLocation(segmentID: "MRG"),
                code: "hl7.mrg-missing")
        }
        var unknown: [String] = []
        for mrg in merges {
            let prior = PatientTranslation.priorIdentifiers(mrg, sendingFacility: sendingFacility)
            guard let merged = try await find(prior) else {
                unknown.append(prior.hospitalNumbers.map(\.value).joined(separator: "~"))
                continue
            }
            if merged.id == survivor.id { continue }
            _ = try await department.mergePatients(.init(survivorID: survivor.id, mergedID: merged.id), by: actor)
        }
        // The patient administration system has merged already; a prior record Lightbox never held leaves
        // nothing to move, which the sender is told in MSA-3 rather than refused.
        return unknown.isEmpty
            ? nil : "prior identifier(s) \(unknown.joined(separator: ", ")) not held: nothing to merge"
    }

    private func changeIdentifier(_ message: Message, details: PatientDetails, sendingFacility: String?) async throws {
        guard let mrg = try message.first(MRG.self) else {
            throw HL7Refusal.error(
                .segmentSequenceError, "MRG segment missing", at: ErrorLocation(segmentID: "MRG"),
                code: "hl7.mrg-missing")
        }
        let prior = PatientTranslation.priorIdentifiers(mrg, sendingFacility: sendingFacility)
        guard let current = prior.hospitalNumbers.first else {
            throw HL7Refusal.error(
                .requiredFieldMissing, "MRG-1 prior patient identifier missing",
                at: ErrorLocation(segmentID: "MRG", field: 1), code: "hl7.prior-identifier-missing")
        }
        guard
            let replacement = details.hospitalNumbers.first(where: { $0.issuingAuthority == current.issuingAuthority })
                ?? details.hospitalNumbers.first
        else {
            throw HL7Refusal.error(
                .requiredFieldMissing, "PID-3 new patient identifier missing",
                at: ErrorLocation(segmentID: "PID", field: 3), code: "hl7.identifier-missing")
        }
        _ = try await department.changePatientIdentifier(.init(current: current, replacement: replacement), by: actor)
    }

    private func find(_ prior: (nhsNumber: String?, hospitalNumbers: [HospitalNumber])) async throws -> Patient? {
        for number in prior.hospitalNumbers {
            if let found = try await unit.patients.find(hospitalNumber: number) { return found }
        }
        if let text = prior.nhsNumber, let number = try? NHSNumber(text) {
            return try await unit.patients.find(nhsNumber: number)
        }
        return nil
    }
}
