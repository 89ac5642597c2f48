import Foundation

/// The rule that ties received images to an exam (DESIGN.md "Matching"): the exam is found by the
/// images' accession number or by the Study Instance UID assigned at booking (later instances follow
/// their study); the images' Patient ID, name and birth date must then agree with the exam's patient.
/// Anything else waits for a person on the reconciliation list; nothing is merged silently.
public enum StudyMatching {
    /// The decision for a new study.
    public struct Decision: Sendable, Equatable {
        public var status: StudyMatchStatus
        public var examID: UUID?
        public var patientRecordID: UUID?
        /// Words for the person reconciling (what matched, what disagreed).
        public var detail: String
    }

    /// Decides for a study carrying `attributes`, given the exam found by its accession number or
    /// Study Instance UID (if any) and that exam's patient.
    public static func decide(_ attributes: InstanceAttributes, exam: Exam?, patient: Patient?) -> Decision {
        guard let exam, let patient else {
            let accession = attributes.accessionNumber.map { "accession number \($0)" } ?? "no accession number"
            return Decision(
                status: .unmatched, examID: nil, patientRecordID: nil,
                detail: "No exam has \(accession) or Study Instance UID \(attributes.studyInstanceUID).")
        }
        let disagreements = self.disagreements(attributes, patient: patient)
        if disagreements.isEmpty {
            return Decision(
                status: .matched, examID: exam.id, patientRecordID: patient.id,
                detail: "Matched to exam \(exam.accessionNumber) (\(exam.examName)).")
        }
        return Decision(
            status: .patientMismatch, examID: nil, patientRecordID: nil,
            detail: "Exam \(exam.accessionNumber) matched, but \(disagreements.joined(separator: "; ")).")
    }

    /// Where the images' patient attributes disagree with the record (empty when they agree).
    /// An attribute the images leave empty does not disagree.
    public static func disagreements(_ attributes: InstanceAttributes, patient: Patient) -> [String] {
        var problems: [String] = []
        let imageID = attributes.patientID.normalisedForMatching
        if !imageID.isEmpty {
            var known = patient.hospitalNumbers.map(\.value.normalisedForMatching)
            if let nhs = patient.nhsNumber { known.append(nhs.digits) }
            if !known.contains(imageID) {
                problems.append("the images' Patient ID \(attributes.patientID) is none of the patient's identifiers")
            }
        }
        let imageName = personName(dicom: attributes.patientName)
        if !imageName.isEmpty, !imageName.matches(patient.name) {
            problems.append(
                "the images' patient name \(attributes.patientName) is not \(patient.name.display)")
        }
        if let birth = attributes.patientBirthDate, !birth.isEmpty, let dateOfBirth = patient.dateOfBirth {
            let recorded = String(format: "%04d%02d%02d", dateOfBirth.year, dateOfBirth.month, dateOfBirth.day)
            if birth != recorded {
                problems.append("the images' birth date \(birth) is not \(dateOfBirth)")
            }
        }
        return problems
    }

    /// A DICOM person name (`Family^Given^Middle^Prefix^Suffix`, first component group) as a ``PersonName``.
    public static func personName(dicom text: String) -> PersonName {
        let alphabetic = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let parts = alphabetic.split(separator: "^", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let family = parts.first ?? ""
        let given = parts.dropFirst().prefix(2).filter { !$0.isEmpty }
        let prefix = parts.count > 3 && !parts[3].isEmpty ? parts[3] : nil
        return PersonName(family: family, given: Array(given), prefix: prefix)
    }

    /// The department's patient name in DICOM form (`FAMILY^Given^Middle`), for correcting the index.
    public static func dicomName(_ name: PersonName) -> String {
        ([name.family] + name.given.prefix(2)).joined(separator: "^")
    }
}
