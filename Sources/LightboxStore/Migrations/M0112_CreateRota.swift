import FluentKit
import SQLKit

/// The rota (issue 17): who covers each room per day and session, read by day span, room and member of staff.
struct M0112_CreateRota: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            try await database.schema("rota_assignments")
                .field(.id, .uuid, .identifier(auto: false))
                .field("day", .string, .required)
                .field("session_order", .int, .required)
                .field("room_id", .uuid, .required)
                .field("staff_id", .uuid, .required)
                .field("document", .string, .required)
                .create()
            let sql = try LightboxDatabase.sql(database)
            try await sql.create(index: "rota_assignments_day_room").on("rota_assignments")
                .column("day").column("room_id").run()
            try await sql.create(index: "rota_assignments_staff_day").on("rota_assignments")
                .column("staff_id").column("day").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rota_assignments").delete()
    }
}
