import Foundation
import LightboxDomain

/// The department's reference records a set of exams points at (referrers, staff, rooms, catalogue
/// entries), read once per response so resources can name them. These are not patient records,
/// so reading them is not audited.
public struct FHIRReferenceData: Sendable {
    public var referrers: [UUID: Referrer] = [:]
    public var staff: [UUID: StaffMember] = [:]
    public var rooms: [UUID: Room] = [:]
    public var catalogue: [String: CatalogueEntry] = [:]

    public init() {}

    /// Loads what `exams` refer to.
    public static func load(for exams: [Exam], from store: any DepartmentStore) async throws -> FHIRReferenceData {
        guard !exams.isEmpty else { return FHIRReferenceData() }
        let referrerIDs = Set(exams.map(\.referrerID))
        var staffIDs = Set<UUID>()
        var roomIDs = Set<UUID>()
        for exam in exams {
            if let report = exam.report {
                staffIDs.insert(report.reportedBy)
                if let verifier = report.verifiedBy { staffIDs.insert(verifier) }
            }
            if let performance = exam.performance {
                if let operatorID = performance.operatorStaffID { staffIDs.insert(operatorID) }
                roomIDs.insert(performance.roomID)
            }
            if let booking = exam.booking { roomIDs.insert(booking.roomID) }
        }
        let codes = Set(exams.map(\.examCode))
        let staffToRead = staffIDs
        let roomsToRead = roomIDs
        return try await store.transaction { unit in
            var data = FHIRReferenceData()
            for id in referrerIDs { data.referrers[id] = try await unit.referrers.get(id) }
            for id in staffToRead { data.staff[id] = try await unit.staff.get(id) }
            for id in roomsToRead { data.rooms[id] = try await unit.rooms.get(id) }
            for code in codes { data.catalogue[code] = try await unit.catalogue.get(code: code) }
            return data
        }
    }

    /// A reference to a referrer (Practitioner), by identifier since Lightbox serves no Practitioner.
    func referrerReference(_ id: UUID) -> JSONValue {
        let referrer = referrers[id]
        return .fhir([
            ("type", "Practitioner"),
            ("identifier", .fhir([("system", .string(FHIRNamingSystem.referrer)), ("value", .string(id.uuidString))])),
            ("display", referrer.map { .string($0.name.display) }),
        ])
    }

    /// A reference to a staff member (Practitioner), by identifier.
    func staffReference(_ id: UUID) -> JSONValue {
        .fhir([
            ("type", "Practitioner"),
            ("identifier", .fhir([("system", .string(FHIRNamingSystem.staff)), ("value", .string(id.uuidString))])),
            ("display", staff[id].map { .string($0.displayName) }),
        ])
    }

    /// A reference to a room (Location), by identifier.
    func roomReference(_ id: UUID) -> JSONValue {
        .fhir([
            ("type", "Location"),
            ("identifier", .fhir([("system", .string(FHIRNamingSystem.room)), ("value", .string(id.uuidString))])),
            ("display", rooms[id].map { .string($0.name) }),
        ])
    }

    /// The exam's code: the catalogue code, and SNOMED CT where the catalogue maps it.
    func examCode(_ exam: Exam) -> JSONValue {
        var codings: [JSONValue] = [
            .fhir([
                ("system", .string(FHIRNamingSystem.examCatalogue)), ("code", .string(exam.examCode)),
                ("display", .string(exam.examName)),
            ])
        ]
        if let snomed = catalogue[exam.examCode]?.snomedCT, !snomed.isEmpty {
            codings.append(.fhir([("system", .string(FHIRNamingSystem.snomedCT)), ("code", .string(snomed))]))
        }
        return .fhir([("coding", .array(codings)), ("text", .string(exam.examName))])
    }
}
