"""Start Alliance Coach in the browser: `python app.py` (or `make run`), then open http://127.0.0.1:7860."""

from coach.app import main

if __name__ == "__main__":
    main()
