import FluentKit
import Foundation
import LightboxDomain

/// `DICOMPeerRepository` on Fluent: one row per AE title.
struct FluentDICOMPeerRepository: DICOMPeerRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func get(aeTitle: String) async throws -> DICOMPeer? {
        try await DICOMPeerModel.query(on: database).filter(\.$aeTitle == aeTitle).first().map(decode)
    }

    func list() async throws -> [DICOMPeer] {
        try await DICOMPeerModel.query(on: database).sort(\.$aeTitle).limit(RepositoryContext.boundedLimit(5_000))
            .all().map(decode)
    }

    func insert(_ peer: DICOMPeer) async throws {
        guard try await get(aeTitle: peer.aeTitle) == nil else {
            throw context.duplicate("DICOM peer", "AE title \(peer.aeTitle)")
        }
        let model = DICOMPeerModel()
        model.id = peer.id
        fill(model, from: peer)
        do {
            try await model.create(on: database)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw context.duplicate("DICOM peer", "AE title \(peer.aeTitle)")
        }
    }

    func update(_ peer: DICOMPeer) async throws {
        guard let model = try await DICOMPeerModel.find(peer.id, on: database) else {
            throw context.missing("DICOM peer", "id \(peer.id)")
        }
        fill(model, from: peer)
        try await model.update(on: database)
    }

    func remove(aeTitle: String) async throws -> Bool {
        guard let model = try await DICOMPeerModel.query(on: database).filter(\.$aeTitle == aeTitle).first() else {
            return false
        }
        try await model.delete(on: database)
        return true
    }

    private func fill(_ model: DICOMPeerModel, from peer: DICOMPeer) {
        model.aeTitle = peer.aeTitle
        model.host = peer.host
        model.port = peer.port
        model.services = peer.serviceList
        model.createdAt = peer.createdAt
        model.updatedAt = peer.updatedAt
    }

    private func decode(_ model: DICOMPeerModel) throws -> DICOMPeer {
        let services = try DICOMService.parseList(model.services)
        return DICOMPeer(
            id: try model.requireID(), aeTitle: model.aeTitle, host: model.host, port: model.port,
            services: services, createdAt: model.createdAt, updatedAt: model.updatedAt)
    }
}
