/// The value of a SCOORD or SCOORD3D content item. PS3.3 §C.18.6, §C.18.9.
public struct SpatialCoordinates: Sendable, Hashable, Codable {
    /// Graphic Type (0070,0023): POINT, MULTIPOINT, POLYLINE, CIRCLE, ELLIPSE, ELLIPSOID, POLYGON.
    public var graphicType: String
    /// Graphic Data (0070,0022): column/row pairs (SCOORD) or x/y/z triplets (SCOORD3D).
    public var graphicData: [Double]
    /// Referenced Frame of Reference UID (3006,0024), SCOORD3D only.
    public var frameOfReferenceUID: String?

    /// Creates coordinates.
    public init(graphicType: String, graphicData: [Double], frameOfReferenceUID: String? = nil) {
        self.graphicType = graphicType
        self.graphicData = graphicData
        self.frameOfReferenceUID = frameOfReferenceUID
    }
}
