# Run a command in a terminal that then vanishes without a SIGHUP (the
# command has no controlling terminal: closing the terminal sends it no
# signal, its reads fail): say whether it exits within five seconds.
import os, sys, time, fcntl, termios, struct, subprocess, select
m, s = os.openpty()
fcntl.ioctl(s, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
env = dict(os.environ, TERM='xterm-256color')
p = subprocess.Popen(sys.argv[1:], stdin=s, stdout=s, stderr=s, env=env,
                     start_new_session=True)
os.close(s)
end = time.time() + 1.5
while time.time() < end:
    r, _, _ = select.select([m], [], [], 0.1)
    if not r:
        continue
    try:
        os.read(m, 65536)
    except OSError:
        break
os.close(m)
try:
    p.wait(timeout=5)
    print("exited")
except subprocess.TimeoutExpired:
    p.kill()
    p.wait()
    print("still running")
