import Foundation

/// Exams performed per room in a period, by modality, with the images acquired.
public struct RoomActivityReport: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        public var roomID: UUID?
        public var name: String
        public var exams: Int
        public var imagesAcquired: Int
        /// Exams per modality performed in the room ("DX 12, CT 3").
        public var byModality: [ModalityCount]
    }

    public struct ModalityCount: Sendable, Codable, Equatable {
        public var modality: Modality
        public var label: String
        public var exams: Int
    }

    public var from: Date
    public var before: Date
    public var exams: Int
    public var rooms: [Row]
}
