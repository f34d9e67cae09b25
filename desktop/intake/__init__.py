"""来电登记: taking a call or a walk-in in the window, and the 待定位 tray of hotline orders."""
