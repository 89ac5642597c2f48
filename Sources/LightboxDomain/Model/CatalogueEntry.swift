import Foundation

/// One exam of the department's catalogue (NICIP-style code mapped to SNOMED CT).
public struct CatalogueEntry: Sendable, Codable, Equatable, Identifiable {
    public var code: String
    /// At most 40 characters, as NICIP descriptions.
    public var name: String
    public var modality: Modality
    public var bodyRegion: BodyRegion
    /// Standard projections (radiography) or series (CT); trauma-only extras are marked "(trauma)".
    public var projections: [String]
    /// The exam is on one side and the request must say which.
    public var lateralityRequired: Bool
    /// The primary beam is between the diaphragm and the knees (or nuclear medicine): the pregnancy
    /// enquiry applies.
    public var pregnancyRelevant: Bool
    /// Uterine dose likely over 10 mGy: the 10-day rule applies.
    public var highDose: Bool
    /// Contrast route when the exam uses contrast.
    public var contrast: ContrastRoute?
    public var snomedCT: String?
    /// The CPT code (AMA Current Procedural Terminology) for departments that bill; nil where none is used.
    public var cpt: String?
    public var active: Bool
    /// Appointment length in minutes; nil takes the department's default slot.
    public var slotMinutes: Int?
    /// Hours without food before the appointment, printed on the patient's instructions; nil: no fasting.
    public var fastingHours: Int? = nil

    public var id: String { code }

    public init(
        code: String, name: String, modality: Modality, bodyRegion: BodyRegion, projections: [String],
        lateralityRequired: Bool = false, pregnancyRelevant: Bool, highDose: Bool = false,
        contrast: ContrastRoute? = nil, snomedCT: String? = nil, active: Bool = true, slotMinutes: Int? = nil,
        cpt: String? = nil
    ) {
        self.cpt = cpt
        self.slotMinutes = slotMinutes
        self.code = code
        self.name = name
        self.modality = modality
        self.bodyRegion = bodyRegion
        self.projections = projections
        self.lateralityRequired = lateralityRequired
        self.pregnancyRelevant = pregnancyRelevant
        self.highDose = highDose
        self.contrast = contrast
        self.snomedCT = snomedCT
        self.active = active
    }
}
