#if canImport(Glibc)
import Glibc
#endif
import RealModule

// Thin names for the elementary functions, so kernels read like the formulas they implement.
@inline(__always) func _exp(_ x: Double) -> Double { Double.exp(x) }
@inline(__always) func _log(_ x: Double) -> Double { Double.log(x) }
@inline(__always) func _sin(_ x: Double) -> Double { Double.sin(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Double.cos(x) }
@inline(__always) func _tanh(_ x: Double) -> Double { Double.tanh(x) }
/// C's pow, which (unlike RealModule's) is defined for a negative base with an integral exponent.
@inline(__always) func _pow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
/// log(1 + x), accurate for tiny x.
@inline(__always) func _log1p(_ x: Double) -> Double { Double.log(onePlus: x) }
/// exp(x) − 1, accurate for tiny x.
@inline(__always) func _expm1(_ x: Double) -> Double { Double.expMinusOne(x) }
