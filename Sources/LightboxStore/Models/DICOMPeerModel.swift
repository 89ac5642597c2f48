import FluentKit
import Foundation

/// A `DICOMPeer` row; `services` is the comma-separated list (`echo,store`).
final class DICOMPeerModel: Model, @unchecked Sendable {
    static let schema = "dicom_peers"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "ae_title") var aeTitle: String
    @Field(key: "host") var host: String
    @Field(key: "port") var port: Int
    @Field(key: "services") var services: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}
