import Foundation

extension Room {
    /// Whether exams of `modality` are done in this room: the same modality, or plain radiography in a CR or DX
    /// room (either takes either kind of request, as `BookExam` accepts).
    public func takes(_ modality: Modality) -> Bool {
        let plain: Set<Modality> = [.CR, .DX]
        return self.modality == modality || (plain.contains(self.modality) && plain.contains(modality))
    }

    /// Whether this room can take `entry` now, as `BookExam`, `RebookExam` and `StartExam` decide it (taking
    /// patients, of a modality that does the exam, not restricted to other exams): the rooms a booking form offers.
    public func canTake(_ entry: CatalogueEntry) -> Bool {
        (try? RoomRules.requireSuitable(self, for: entry)) != nil
    }
}
