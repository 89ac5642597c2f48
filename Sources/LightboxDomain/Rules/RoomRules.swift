import Foundation

/// Whether a room can take an exam now.
enum RoomRules {
    /// CR and DX rooms both do plain radiography: either takes either kind of request (`Room.takes`).
    static func modalityFits(_ room: Room, _ entry: CatalogueEntry) -> Bool {
        room.takes(entry.modality)
    }

    /// Refuses a suspended room, a room of another modality, and a restricted room for exams it is
    /// not restricted to (a restricted room with no list takes nothing until one is set).
    static func requireSuitable(_ room: Room, for entry: CatalogueEntry) throws(DomainError) {
        guard room.status != .suspended else {
            let why = room.statusReason.map { " (\($0))" } ?? ""
            throw DomainError(.roomSuspended, "\(room.name) is suspended\(why) and takes no patients.")
        }
        guard modalityFits(room, entry) else {
            throw DomainError(
                .roomWrongModality,
                "\(room.name) is a \(room.modality.rawValue) room; \(entry.name) needs \(entry.modality.rawValue).",
                fields: [FieldProblem("roomID", "wrong modality for this exam", code: .roomWrongModality)])
        }
        if room.status == .restricted, !room.restrictedTo.contains(where: { $0.covers(entry) }) {
            let why = room.statusReason.map { " (\($0))" } ?? ""
            throw DomainError(
                .roomRestricted, "\(room.name) is restricted\(why) and cannot take \(entry.name).",
                fields: [FieldProblem("roomID", "room is restricted to other exams", code: .roomRestricted)])
        }
    }
}
