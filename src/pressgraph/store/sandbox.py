"""A process that cannot open a network connection: a seccomp filter installed on itself.

Oxigraph evaluates ``SERVICE <http://...>`` by sending an HTTP request, and pyoxigraph offers no
switch to turn that off. Rather than guess, with a second parser, which texts the engine will read
as SERVICE (a guess that escapes and comments defeated, issue 11), the query worker runs where no
connection is possible: after :func:`deny_network` the kernel answers ``socket()``, ``connect()``,
``io_uring_setup()`` and ``execve()`` with ENETUNREACH for every thread of the process, present and
future. Name lookups fail too (they need a socket), so a SERVICE IRI leaks nothing over DNS either.

The filter is Linux-only (x86-64 and AArch64); elsewhere :func:`deny_network` raises
:class:`SandboxError` and the caller refuses to run queries instead of running them unguarded.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import socket
import struct
import sys

# The errno every denied call gets: a SERVICE request fails with "Network is unreachable".
DENIED_ERRNO = errno.ENETUNREACH

_AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
# socket, connect, execve, execveat, io_uring_setup, and the seccomp syscall itself (for TSYNC).
_SYSCALLS = {
    "x86_64": {"socket": 41, "connect": 42, "execve": 59, "execveat": 322, "io_uring_setup": 425, "seccomp": 317},
    "aarch64": {"socket": 198, "connect": 203, "execve": 221, "execveat": 281, "io_uring_setup": 425, "seccomp": 277},
}
_X32_BIT = 0x40000000  # x32 ABI syscalls on x86-64 carry this bit; they are denied wholesale

_LD_W_ABS, _JEQ_K, _JGE_K, _RET_K = 0x20, 0x15, 0x35, 0x06
_RET_ALLOW, _RET_ERRNO = 0x7FFF0000, 0x00050000
_PR_SET_NO_NEW_PRIVS, _SECCOMP_SET_MODE_FILTER, _SECCOMP_FILTER_FLAG_TSYNC = 38, 1, 1


class SandboxError(OSError):
    """The network cannot be shut off here (not Linux, unknown CPU, seccomp refused)."""


def _instruction(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def filter_program(machine: str) -> bytes:
    """The classic-BPF program: deny the listed syscalls (and any foreign-ABI call), allow the rest.

    Layout: check the architecture, load the syscall number, then one ``jeq`` per denied call
    jumping to the final ``ret ERRNO``.
    """
    arch, calls = _AUDIT_ARCH[machine], sorted(_SYSCALLS[machine][n] for n in _SYSCALLS[machine] if n != "seccomp")
    deny = _RET_ERRNO | DENIED_ERRNO
    body = [_instruction(_JGE_K, len(calls) + 1, 0, _X32_BIT)] if machine == "x86_64" else []
    for index, number in enumerate(calls):
        body.append(_instruction(_JEQ_K, len(calls) - index, 0, number))
    body.append(_instruction(_RET_K, 0, 0, _RET_ALLOW))
    body.append(_instruction(_RET_K, 0, 0, deny))
    head = [
        _instruction(_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        _instruction(_JEQ_K, 1, 0, arch),
        _instruction(_RET_K, 0, 0, deny),  # a foreign ABI (i386 on x86-64): deny everything
        _instruction(_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
    ]
    return b"".join(head + body)


def deny_network() -> None:
    """Install the filter on this process (all threads), then prove it holds; SandboxError if not."""
    machine = platform.machine().lower()
    if not sys.platform.startswith("linux") or machine not in _AUDIT_ARCH:
        raise SandboxError(
            f"queries need the Linux seccomp sandbox (x86-64 or AArch64); this is {sys.platform}/{machine}"
        )
    program = filter_program(machine)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise SandboxError(f"prctl(NO_NEW_PRIVS) failed: {os.strerror(ctypes.get_errno())}")
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = struct.pack("=HxxxxxxQ", len(program) // 8, ctypes.addressof(buffer))
    fprog_buffer = ctypes.create_string_buffer(fprog, len(fprog))
    number = _SYSCALLS[machine]["seccomp"]
    if libc.syscall(number, _SECCOMP_SET_MODE_FILTER, _SECCOMP_FILTER_FLAG_TSYNC, fprog_buffer) != 0:
        raise SandboxError(f"seccomp filter refused: {os.strerror(ctypes.get_errno())}")
    _prove_denied()


def _prove_denied() -> None:
    """Fail closed: if a socket can still be made, the filter is not doing its job."""
    try:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    except OSError as exc:
        if exc.errno == DENIED_ERRNO:
            return
        raise SandboxError(f"unexpected error probing the sandbox: {exc}") from exc
    sock.close()
    raise SandboxError("the seccomp filter is installed but sockets can still be opened")
