import sys

from pmo_data.cli import main

sys.exit(main())
