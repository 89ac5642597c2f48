import Foundation

/// An X-ray room, scanner or mobile unit.
public struct Room: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    public var name: String
    public var modality: Modality
    /// Mobile units work on wards: identity must then be confirmed from the wristband.
    public var isMobile: Bool
    public var status: RoomStatus
    public var statusReason: String?
    /// While restricted, the room takes only exams covered by one of these scopes.
    public var restrictedTo: [ExamScope]
    /// DICOM AE title of the modality in the room, for its worklist.
    public var aeTitle: String?
    /// Set while a QA test of the room stands at suspension level (cleared by a pass of each such test).
    public var qaSuspension: QASuspension?
    /// Set after an isolation patient's exam here; the next exam starts only once the clean is logged.
    public var cleaningDue: CleaningDue? = nil
    /// The room's own service hours; nil: the department's (`DepartmentConfiguration.serviceHours`, every day).
    public var serviceHours: ServiceHours? = nil

    public init(
        id: UUID, name: String, modality: Modality, isMobile: Bool = false, status: RoomStatus = .inUse,
        statusReason: String? = nil, restrictedTo: [ExamScope] = [], aeTitle: String? = nil,
        qaSuspension: QASuspension? = nil
    ) {
        self.qaSuspension = qaSuspension
        self.id = id
        self.name = name
        self.modality = modality
        self.isMobile = isMobile
        self.status = status
        self.statusReason = statusReason
        self.restrictedTo = restrictedTo
        self.aeTitle = aeTitle
    }
}
