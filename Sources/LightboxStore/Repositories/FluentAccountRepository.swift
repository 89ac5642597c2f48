import FluentKit
import Foundation
import LightboxDomain

/// `AccountRepository` on Fluent: accounts, API tokens and browser sessions.
struct FluentAccountRepository: AccountRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func create(_ account: Account) async throws {
        guard try await AccountModel.find(account.id, on: database) == nil else {
            throw context.duplicate("account", "id \(account.id)")
        }
        guard try await find(username: account.username) == nil else {
            throw context.duplicate("account", "username \(account.username)")
        }
        let model = AccountModel()
        model.id = account.id
        try fill(model, from: account)
        try await model.create(on: database)
    }

    func update(_ account: Account) async throws {
        guard let model = try await AccountModel.find(account.id, on: database) else {
            throw context.missing("account", "id \(account.id)")
        }
        if let holder = try await find(username: account.username), holder.id != account.id {
            throw context.duplicate("account", "username \(account.username)")
        }
        try fill(model, from: account)
        try await model.update(on: database)
    }

    func find(username: String) async throws -> Account? {
        try await AccountModel.query(on: database).filter(\.$username == username).first().map(decode)
    }

    func find(id: UUID) async throws -> Account? {
        try await AccountModel.find(id, on: database).map(decode)
    }

    func list() async throws -> [Account] {
        try await AccountModel.query(on: database).sort(\.$username).all().map(decode)
    }

    func addToken(_ token: APIToken) async throws {
        guard try await AccountModel.find(token.accountID, on: database) != nil else {
            throw context.missing("account", "id \(token.accountID)")
        }
        guard try await APITokenModel.find(token.id, on: database) == nil else {
            throw context.duplicate("API token", "id \(token.id)")
        }
        guard try await findToken(hash: token.tokenHash) == nil else {
            throw context.duplicate("API token", "the same secret")
        }
        let model = APITokenModel()
        model.id = token.id
        try fill(model, from: token)
        try await model.create(on: database)
    }

    func findToken(hash: String) async throws -> APIToken? {
        try await APITokenModel.query(on: database).filter(\.$tokenHash == hash).first().map(decode)
    }

    func tokens(accountID: UUID) async throws -> [APIToken] {
        try await APITokenModel.query(on: database).filter(\.$accountID == accountID).sort(\.$createdAt).sort(\.$id)
            .all().map(decode)
    }

    /// Idempotent: revoking a revoked token keeps the first revocation time.
    func revokeToken(id: UUID, at: Date) async throws {
        guard let model = try await APITokenModel.find(id, on: database) else {
            throw context.missing("API token", "id \(id)")
        }
        var token = try decode(model)
        guard token.revokedAt == nil else { return }
        token.revokedAt = at
        try fill(model, from: token)
        try await model.update(on: database)
    }

    /// Saves a new session or replaces the one with the same id hash (renewal).
    func saveSession(_ session: BrowserSession) async throws {
        let existing = try await BrowserSessionModel.find(session.idHash, on: database)
        let model = existing ?? BrowserSessionModel()
        model.id = session.idHash
        model.accountID = session.accountID
        model.createdAt = session.createdAt
        model.expiresAt = session.expiresAt
        model.document = try context.coder.encode(session)
        if existing == nil {
            try await model.create(on: database)
        } else {
            try await model.update(on: database)
        }
    }

    func findSession(idHash: String) async throws -> BrowserSession? {
        try await BrowserSessionModel.find(idHash, on: database).map {
            try context.coder.decode(BrowserSession.self, from: $0.document, table: BrowserSessionModel.schema)
        }
    }

    /// Idempotent: deleting a session that is already gone succeeds (signing out twice is not an error).
    func deleteSession(idHash: String) async throws {
        try await BrowserSessionModel.query(on: database).filter(\.$id == idHash).delete()
    }

    private func fill(_ model: AccountModel, from account: Account) throws {
        model.username = account.username
        model.staffID = account.staffID
        model.role = account.role.rawValue
        model.disabled = account.disabled
        model.createdAt = account.createdAt
        model.document = try context.coder.encode(account)
    }

    private func fill(_ model: APITokenModel, from token: APIToken) throws {
        model.accountID = token.accountID
        model.tokenHash = token.tokenHash
        model.createdAt = token.createdAt
        model.revokedAt = token.revokedAt
        model.document = try context.coder.encode(token)
    }

    private func decode(_ model: AccountModel) throws -> Account {
        try context.coder.decode(Account.self, from: model.document, table: AccountModel.schema)
    }

    private func decode(_ model: APITokenModel) throws -> APIToken {
        try context.coder.decode(APIToken.self, from: model.document, table: APITokenModel.schema)
    }
}
