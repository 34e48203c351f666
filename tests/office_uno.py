"""Run by the system Python, which has LibreOffice's `uno`: act on a .docx's tracked
changes in a headless LibreOffice, as an editor would, and save it as .docx.

    python3 tests/office_uno.py PROFILE_URL IN.docx OUT.docx accept-all
    python3 tests/office_uno.py PROFILE_URL IN.docx OUT.docx decide TEXT...

`decide` accepts each deletion whose text is one of TEXT, and the insertion that
follows it, and rejects every other change. (The Debian `nogui` build aborts on a
document with comments when it opens a view: use documents without them.)
"""

import os
import subprocess
import sys

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(profile):
    pipe = f"reviewer_test_{os.getpid()}"
    proc = subprocess.Popen(["soffice", f"-env:UserInstallation={profile}", "--headless",
                             "--invisible", "--norestore", f"--accept=pipe,name={pipe};urp;"])
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    while True:  # until the office listens, or has died
        try:
            return proc, resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            try:
                proc.wait(timeout=0.2)
                raise SystemExit("soffice exited before it listened") from None
            except subprocess.TimeoutExpired:
                pass


def decide(doc, controller, dispatch, accept_texts):
    accept = False
    for _ in range(10_000):
        redlines = doc.getRedlines().createEnumeration()
        if not redlines.hasMoreElements():
            return
        first = redlines.nextElement()
        start = first.RedlineStart
        cursor = start.getText().createTextCursorByRange(start)
        cursor.gotoRange(first.RedlineEnd, True)
        if first.RedlineType == "Delete":
            accept = cursor.getString() in accept_texts
        controller.select(cursor)
        dispatch(".uno:AcceptTrackedChange" if accept else ".uno:RejectTrackedChange")


def main():
    profile, src, dst, mode, *texts = sys.argv[1:]
    proc, ctx = connect(profile)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    try:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)),
                                           "_blank", 0, (prop("Hidden", True),))
        controller = doc.getCurrentController()
        helper = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", ctx)

        def dispatch(command):
            helper.executeDispatch(controller.getFrame(), command, "", 0, ())

        if mode == "accept-all":
            dispatch(".uno:AcceptAllTrackedChanges")
        else:
            decide(doc, controller, dispatch, set(texts))
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)),
                       (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        proc.wait(timeout=120)


if __name__ == "__main__":
    main()
