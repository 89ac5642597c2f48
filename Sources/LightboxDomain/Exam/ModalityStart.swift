import Foundation

/// A modality's report that it has started an exam (MPPS N-CREATE, PS3.4 §F.7.2.1), in the
/// domain's words: which step, from which station, for which exam, by whom.
public struct ModalityStart: Sendable, Codable, Equatable {
    /// The performed procedure step's SOP Instance UID.
    public var sopInstanceUID: String
    /// The station's AE title (Performed Station AE Title, else the calling AE title).
    public var stationAETitle: String
    /// Accession Number of the Scheduled Step Attributes Sequence.
    public var accessionNumber: String?
    /// Study Instance UID of the Scheduled Step Attributes Sequence.
    public var studyInstanceUID: String?
    /// The operator the modality names (Operators' Name), matched to staff by name.
    public var operatorName: PersonName?

    public init(
        sopInstanceUID: String, stationAETitle: String, accessionNumber: String? = nil,
        studyInstanceUID: String? = nil, operatorName: PersonName? = nil
    ) {
        self.sopInstanceUID = sopInstanceUID
        self.stationAETitle = stationAETitle
        self.accessionNumber = accessionNumber
        self.studyInstanceUID = studyInstanceUID
        self.operatorName = operatorName
    }
}
