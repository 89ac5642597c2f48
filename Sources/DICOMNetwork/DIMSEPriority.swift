/// Priority (0000,0700), PS3.7 §9.1.1.1.12 (C-STORE, C-FIND, C-MOVE, C-GET requests).
public enum DIMSEPriority: UInt16, Sendable {
    case medium = 0x0000
    case high = 0x0001
    case low = 0x0002
}
