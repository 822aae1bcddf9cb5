#!/usr/bin/python3 -S
# A fork server for the AWS CLI, for the tests only (test/support/aws-cli-fork-server.ts starts it).
#
# Every `aws` call costs 0.7-1 s of CPU, nearly all of it Python importing awscli and botocore
# (`python3 -S -c pass` takes 28 ms). The server imports `awscli.clidriver` once, as /usr/bin/aws
# does, then forks a child for each call that becomes that call: the caller's fds 0, 1 and 2 and
# its working directory arrive over a Unix socket (SCM_RIGHTS), with its argv, environment and
# umask; the child puts them in place, re-creates sys.stdin/stdout/stderr as a fresh interpreter
# would, runs `sys.exit(awscli.clidriver.main())` and ends as the interpreter would (see
# end_as_a_script_would); the server sends the exit status back. A forked child starts from the
# server's state, never from another call's.
#
# Two modes in one file:
#   python3 aws-cli-fork-server.py serve WATCHED_PID   (no -S: awscli lives in dist-packages)
#       creates a temporary directory holding `server.sock`, `server.log` and `aws` (a symlink to
#       this file), prints the directory once the socket listens, and serves in the background
#       until WATCHED_PID ends; then it kills the calls still running and removes the directory.
#   <directory>/aws ARGS...   (the shebang's -S: the client starts in ~30 ms)
#       sends its call to the server beside it, waits for the exit status and exits with it (or
#       with the signal that ended the call). When the call would not start from the same state
#       in a fresh interpreter (a different locale or PYTHON* setting, or a variable the import
#       read has another value), the server says so and the client execs /usr/bin/aws instead.
#
# Not mirrored: the call's process is the server's child (its parent pid, process group and
# session are the server's), fds above 2 are not passed, and all calls share the server's hash seed.
import os
import sys

SYSTEM_AWS_CLI = '/usr/bin/aws'
SOCKET_NAME = 'server.sock'
LOG_NAME = 'server.log'
# The call's fds: stdin, stdout, stderr.
STDIO = (0, 1, 2)
# What decides how the interpreter starts (locale coercion, UTF-8 mode, stdio encodings, sys.path).
STARTUP_VARIABLES = ('LC_ALL', 'LC_CTYPE', 'LANG')
MAX_REQUEST_BYTES = 1 << 20
# What /usr/bin/aws imports, and what its main() always imports first (awscli.handlers brings in
# every customization: 270 more modules, a fifth of a call's CPU).
WARM_UP_IMPORTS = ('awscli.clidriver', 'awscli.handlers')
FD_BYTES = 4


def client():
    import _signal
    import _socket
    import errno
    import marshal

    # Ended by Ctrl-C as /usr/bin/aws would be, with no traceback; the server then ends the call.
    _signal.signal(_signal.SIGINT, _signal.SIG_DFL)

    directory = os.path.dirname(sys.argv[0])

    def fail(message):
        os.write(2, f'aws (fork server client): {message}; the server log: {directory}/{LOG_NAME}\n'.encode())
        os._exit(255)

    def is_open(fd):
        try:
            os.fstat(fd)
            return True
        except OSError:
            return False

    passed = [fd for fd in STDIO if is_open(fd)]
    cwd = os.open('.', os.O_PATH | os.O_DIRECTORY)
    umask = os.umask(0)
    os.umask(umask)
    request = marshal.dumps(([os.fsencode(arg) for arg in sys.argv[1:]], dict(os.environb), umask, passed))
    connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_SEQPACKET)
    try:
        connection.connect(os.path.join(directory, SOCKET_NAME))
    except OSError as error:
        fail(f'cannot reach the server ({error.strerror})')
    fds = b''.join(fd.to_bytes(FD_BYTES, sys.byteorder) for fd in [*passed, cwd])
    try:
        connection.sendmsg([request], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, fds)])
        reply = connection.recv(64)
    except OSError as error:
        if error.errno != errno.EMSGSIZE:  # an environment too large for one message: run /usr/bin/aws
            fail(f'lost the server ({error.strerror})')
        reply = b'exec'
    if reply == b'exec':
        os.execv(SYSTEM_AWS_CLI, [SYSTEM_AWS_CLI, *sys.argv[1:]])
    if not reply:
        fail('the server ended before the call did')
    status = int(reply)
    if status < 0:  # the call ended on a signal: end on it too
        import signal

        signal.signal(-status, signal.SIG_DFL)
        os.kill(os.getpid(), -status)
        status = 128 - status
    os._exit(status)


def start_server(watched_pid):
    """Listens, then forks the server into the background and prints its directory (the launcher's only output)."""
    import socket
    import tempfile

    directory = tempfile.mkdtemp(prefix='aws-cli-fork-server-')
    os.symlink(os.path.realpath(__file__), os.path.join(directory, 'aws'))
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    listener.bind(os.path.join(directory, SOCKET_NAME))
    listener.listen(64)
    watched = os.pidfd_open(watched_pid)
    sys.stdout.flush()
    if os.fork():
        print(directory, flush=True)
        os._exit(0)
    log = os.open(os.path.join(directory, LOG_NAME), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    nothing = os.open(os.devnull, os.O_RDONLY)
    os.dup2(nothing, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(nothing)
    os.close(log)
    return ForkServer(directory, listener, watched).serve()


def log(message):
    print(message, file=sys.stderr, flush=True)


class ForkServer:
    def __init__(self, directory, listener, watched):
        import selectors
        import site

        self.directory = directory
        self.listener = listener
        self.selector = selectors.DefaultSelector()
        self.selector.register(listener, selectors.EVENT_READ, ('accept',))
        self.selector.register(watched, selectors.EVENT_READ, ('watched process ended',))
        self.watched = watched
        # Interpreter start-up settings the server started with; a call with others falls back.
        self.startup = startup_settings(os.environ)
        self.user_site = site.USER_SITE if site.USER_SITE in sys.path else None
        # What importing awscli read from the environment and changed in it; None until the first call.
        self.imported = None
        self.running = {}  # pidfd -> (pid, client connection or None once the client is gone)

    def serve(self):
        """Serves until the watched process ends; returns only in a forked child, with its call."""
        import signal

        signal.signal(signal.SIGTERM, lambda *_: self.stop('SIGTERM'))
        while True:
            for key, _ in self.selector.select():
                kind, *details = key.data
                if kind == 'accept':
                    call = self.accept()
                    if call is not None:
                        return call
                elif kind == 'call ended':
                    self.report(key.fileobj)
                elif kind == 'client gone':
                    self.client_gone(key.fileobj, *details)
                else:
                    self.stop(kind)

    def accept(self):
        import selectors
        import socket

        connection, _ = self.listener.accept()
        try:
            message, fds, flags, _ = socket.recv_fds(connection, MAX_REQUEST_BYTES, len(STDIO) + 1)
        except OSError as error:
            log(f'a client left before sending its call: {error}')
            connection.close()
            return None
        if not message or flags & (socket.MSG_TRUNC | socket.MSG_CTRUNC):
            for fd in fds:
                os.close(fd)
            connection.close()
            return None
        import marshal

        argv, environment, umask, passed = marshal.loads(message)
        environment = {os.fsdecode(name): os.fsdecode(value) for name, value in environment.items()}
        if self.imported is None:
            self.imported = import_cli(environment)
        why_not = self.unlike_a_fresh_interpreter(environment)
        if why_not:
            log(f'exec fallback ({why_not}): aws {" ".join(map(os.fsdecode, argv))}')
            for fd in fds:
                os.close(fd)
            connection.send(b'exec')
            connection.close()
            return None
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            self.close_all()
            connection.close()
            return Call(argv, {**environment, **self.imported.writes}, umask, dict(zip(passed, fds)), cwd=fds[-1])
        for fd in fds:
            os.close(fd)
        log(f'served pid {pid}: aws {" ".join(map(os.fsdecode, argv))}')
        ended = os.pidfd_open(pid)
        self.running[ended] = (pid, connection)
        self.selector.register(ended, selectors.EVENT_READ, ('call ended',))
        self.selector.register(connection, selectors.EVENT_READ, ('client gone', ended, pid))
        return None

    def unlike_a_fresh_interpreter(self, environment):
        if startup_settings(environment) != self.startup:
            return 'the locale or PYTHON* settings differ from the server’s'
        changed = [name for name, value in self.imported.reads.items() if environment.get(name) != value]
        if changed:
            return f'importing awscli read {", ".join(changed)}, which now differ'
        if user_site(environment) != self.user_site:
            return 'the user site-packages differ from the server’s'
        return None

    def report(self, ended):
        if ended not in self.running:
            return
        pid, connection = self.running.pop(ended)
        self.selector.unregister(ended)
        _, status = os.waitpid(pid, 0)
        os.close(ended)
        if connection is not None:
            self.selector.unregister(connection)
            try:
                connection.send(str(os.waitstatus_to_exitcode(status)).encode())
            except OSError:
                pass  # the client is gone already
            connection.close()

    def client_gone(self, connection, ended, pid):
        """The client ended (killed, or a timeout) before its call: the call must not outlive it."""
        import signal

        if self.running.get(ended) != (pid, connection):
            return  # the call ended and was reported in the same round
        log(f'client of pid {pid} gone: killing the call')
        os.kill(pid, signal.SIGKILL)
        self.selector.unregister(connection)
        connection.close()
        self.running[ended] = (pid, None)

    def close_all(self):
        """In a forked child: drops what is the server's (its fds, its SIGTERM handler)."""
        import signal

        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        for ended in self.running:
            os.close(ended)
        for _, connection in self.running.values():
            if connection is not None:
                connection.close()
        self.selector.close()
        self.listener.close()
        os.close(self.watched)

    def stop(self, why):
        import shutil
        import signal

        log(f'stopping: {why}')
        for pid, _ in self.running.values():
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        shutil.rmtree(self.directory, ignore_errors=True)
        os._exit(0)


def startup_settings(environment):
    return {
        name: value
        for name, value in environment.items()
        if name in STARTUP_VARIABLES or name.startswith('PYTHON')
    }


def user_site(environment):
    """The user site-packages a fresh interpreter would add to sys.path, or None (site.py's rule)."""
    base = environment.get('PYTHONUSERBASE') or os.path.join(environment.get('HOME') or os.path.expanduser('~'), '.local')
    path = os.path.join(base, 'lib', f'python{sys.version_info[0]}.{sys.version_info[1]}', 'site-packages')
    return path if os.path.isdir(path) else None


class Imported:
    def __init__(self, reads, writes):
        # The variables the import read, with their values (None: unset), and the ones it set.
        self.reads = reads
        self.writes = writes


def import_cli(environment):
    """Imports awscli in the first call's environment, noting what the import read and set there."""
    import gc
    import importlib

    set_environment(environment)
    before = dict(os.environ)
    reads = {}

    class RecordingEnviron(type(os.environ)):
        def __getitem__(self, name):
            try:
                value = super().__getitem__(name)
            except KeyError:
                reads.setdefault(name, None)
                raise
            reads.setdefault(name, value)
            return value

    plain = type(os.environ)
    os.environ.__class__ = RecordingEnviron
    try:
        for name in WARM_UP_IMPORTS:
            importlib.import_module(name)
    finally:
        os.environ.__class__ = plain
    # Children's garbage collections then leave the imported objects (and their shared pages) alone.
    gc.freeze()
    # awscli sets AWS_DATA_PATH, from its value before (one of the reads).
    writes = {name: value for name, value in os.environ.items() if before.get(name) != value}
    if before.keys() - os.environ.keys():
        raise RuntimeError(f'importing awscli removed {before.keys() - os.environ.keys()} from the environment')
    return Imported(reads, writes)


def set_environment(environment):
    os.environ.clear()
    os.environ.update(environment)
    # What /usr/bin/aws does before importing awscli.
    if os.environ.get('LC_CTYPE', '') == 'UTF-8':
        os.environ['LC_CTYPE'] = 'en_US.UTF-8'


class Call:
    def __init__(self, argv, environment, umask, stdio_fds, cwd):
        self.argv = argv
        self.environment = environment
        self.umask = umask
        self.stdio_fds = stdio_fds
        self.cwd = cwd

    def become(self):
        """Turns this forked child into the call's process, as /usr/bin/aws would start."""
        import time

        for fd in STDIO:
            if fd in self.stdio_fds:
                os.dup2(self.stdio_fds[fd], fd)
                os.close(self.stdio_fds[fd])
            else:
                os.close(fd)
        reopen_stdio(present=self.stdio_fds.keys())
        os.fchdir(self.cwd)
        os.close(self.cwd)
        os.umask(self.umask)
        set_environment(self.environment)
        time.tzset()
        sys.argv = [SYSTEM_AWS_CLI, *map(os.fsdecode, self.argv)]

    def run(self):
        self.become()
        import awscli.clidriver

        return awscli.clidriver.main()


def reopen_stdio(present):
    """sys.stdin, stdout and stderr for fds 0-2, as create_stdio() in CPython's pylifecycle.c makes them."""
    import io

    encoding = sys.__stdout__.encoding
    errors = sys.__stdout__.errors
    buffered = not os.environ.get('PYTHONUNBUFFERED')
    for fd, name, mode in ((0, 'stdin', 'r'), (1, 'stdout', 'w'), (2, 'stderr', 'w')):
        if fd not in present:
            setattr(sys, name, None)
            setattr(sys, f'__{name}__', None)
            continue
        binary = io.open(fd, mode + 'b', buffering=-1 if buffered or mode == 'r' else 0, closefd=False)
        raw = binary.raw if isinstance(binary, io.BufferedIOBase) else binary
        raw.name = f'<{name}>'
        stream = io.TextIOWrapper(
            binary,
            encoding=encoding,
            errors='backslashreplace' if fd == 2 else errors,
            newline='\n',
            line_buffering=buffered and (raw.isatty() or fd == 2),
            write_through=not buffered,
        )
        stream.mode = mode
        setattr(sys, name, stream)
        setattr(sys, f'__{name}__', stream)


def end_as_a_script_would(run):
    """
    Runs `sys.exit(run())` as a script's last line, then ends as CPython's Py_FinalizeEx does (wait
    for threads, atexit handlers, flush stdout and stderr) but without freeing every object: in a
    forked child that writes to, and so copies, the whole inherited heap, half of a call's CPU.
    What differs: no __del__ runs at exit, and a traceback shows this file's frames, not /usr/bin/aws's.
    """
    import atexit
    import signal
    import threading

    interrupted = False
    try:
        sys.exit(run())
    except SystemExit as system_exit:
        status = system_exit_status(system_exit)
    except BaseException as error:
        sys.excepthook(type(error), error, error.__traceback__)
        status = 1
        interrupted = isinstance(error, KeyboardInterrupt)
    threading._shutdown()
    atexit._run_exitfuncs()
    if not flush_std_files():
        status = 120
    if interrupted:  # CPython ends on the signal after an unhandled KeyboardInterrupt
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    os._exit(status & 0xFF)


def system_exit_status(system_exit):
    """The exit status SystemExit gives (_Py_HandleSystemExit)."""
    if system_exit.code is None:
        return 0
    if isinstance(system_exit.code, int):
        return system_exit.code
    print(system_exit.code, file=sys.stderr)
    return 1


def flush_std_files():
    """Flushes sys.stdout and sys.stderr as flush_std_files() in pylifecycle.c; False when one fails."""
    import traceback

    flushed = True
    for stream in (sys.stdout, sys.stderr):
        if stream is None or stream.closed:
            continue
        try:
            stream.flush()
        except Exception as error:
            flushed = False
            if stream is sys.stdout:  # reported as unraisable, on stderr
                try:
                    sys.stderr.write(f'Exception ignored in: {stream!r}\n' + ''.join(traceback.format_exception_only(error)))
                    sys.stderr.flush()
                except Exception:
                    pass
    return flushed


if __name__ == '__main__':
    if sys.argv[1:2] == ['serve']:
        # Where /usr/bin/aws's interpreter looks first: the script's folder, not this one.
        sys.path[0] = os.path.dirname(SYSTEM_AWS_CLI)
        call = start_server(int(sys.argv[2]))
        # Only a forked child gets here, and ends as /usr/bin/aws ends: sys.exit(main()).
        end_as_a_script_would(call.run)
    client()
