// Package threadcpu measures benchmarks by the CPU time of the thread that
// runs them, a figure the other processes on a shared machine do not
// inflate as they do wall time. The shell's and the widgets' frame
// benchmarks report it beside ns/op.
package threadcpu
